package io.marketsentinel.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.marketsentinel.alerting.Episode;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.history.MarketPoint;
import io.marketsentinel.history.SuspectReading;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state document, written and read by Jackson data binding: the ledger's episodes and the
 * outbox's notifications are the domain records themselves. Only the history is reshaped, into
 * columns ({@code "t": [...], "v": [...]}) and one array of daily prices from a start day, which
 * keeps two years of 15-minute runs well under 64 KB. The format is versioned ({@code format: 1})
 * and a golden file of it is read by the tests, so an upgrade never loses history or the ledger.
 */
public final class StateCodec {

    static final int FORMAT = 1;

    /**
     * Its own mapper, so that what is stored does not move when the application's mapper is tuned;
     * one for all codecs, so that the primer's warm-up is the store's.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ObjectMapper mapper = MAPPER;

    /** The stored document. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(Integer format, Long version, Instant lastRunAt, MarketColumns market,
                    Map<String, CoinColumns> coins, List<Episode> episodes, Outbox outbox,
                    @JsonRawValue @JsonDeserialize(using = RawJson.class) String lastReport) {
    }

    /** The total market cap as two columns: epoch seconds and USD; and a reading the guard holds aside. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MarketColumns(List<Long> t, List<Double> v, SuspectReading held) {
    }

    /** A coin's daily lows from {@code start}, one per day ({@code null} for a day without one), and the latest price. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CoinColumns(LocalDate start, List<Double> lows, Double latest, Long latestAt, SuspectReading held) {
    }

    public byte[] encode(SentinelState state) {
        Map<String, CoinColumns> coins = new LinkedHashMap<>();
        state.history().coins().forEach((id, coin) -> coins.put(id, columns(coin)));
        Document document = new Document(FORMAT, state.version(), state.lastRunAt(), columns(state.history().market()),
                coins, state.episodes(), state.outbox(), state.lastReport());
        try {
            return mapper.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state could not be written as JSON", e);
        }
    }

    /**
     * Reads only a document's version, for the check a save makes under its lock: the whole state
     * was decoded at load and need not be built again.
     *
     * @throws IllegalArgumentException when the document is not a state document
     */
    public long version(byte[] bytes) {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        checkFormat(root.hasNonNull("format") ? root.get("format").asInt() : null);
        return required(root.hasNonNull("version") ? root.get("version").asLong() : null, "version");
    }

    /**
     * Reads a state document.
     *
     * @throws IllegalArgumentException naming what is wrong, when the document is not a valid state
     */
    public SentinelState decode(byte[] bytes) {
        Document d;
        try {
            d = mapper.readValue(bytes, Document.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid state document: " + e.getMessage(), e);
        }
        if (d == null) {
            throw new IllegalArgumentException("not a JSON object");
        }
        checkFormat(d.format());
        long version = required(d.version(), "version");
        MarketHistory market = market(required(d.market(), "market"));
        Map<String, CoinHistory> coins = new TreeMap<>();
        required(d.coins(), "coins").forEach((id, columns) -> coins.put(id, coin(id, columns)));
        Outbox outbox = required(d.outbox(), "outbox");
        required(outbox.pending(), "outbox.pending");
        required(outbox.deadLetters(), "outbox.deadLetters");
        return new SentinelState(version, History.of(market, coins), required(d.episodes(), "episodes"), outbox,
                d.lastRunAt(), d.lastReport());
    }

    private static void checkFormat(Integer format) {
        if (required(format, "format") != FORMAT) {
            throw new IllegalArgumentException("unknown state format " + format + " (this version reads " + FORMAT + ")");
        }
    }

    private static MarketColumns columns(MarketHistory market) {
        List<Long> times = new ArrayList<>(market.points().size());
        List<Double> values = new ArrayList<>(market.points().size());
        for (MarketPoint p : market.points()) {
            times.add(p.time().getEpochSecond());
            values.add(p.totalMarketCapUsd());
        }
        return new MarketColumns(times, values, market.held().orElse(null));
    }

    private static MarketHistory market(MarketColumns columns) {
        List<Long> times = required(columns.t(), "market.t");
        List<Double> values = required(columns.v(), "market.v");
        if (times.size() != values.size()) {
            throw new IllegalArgumentException("market.t and market.v differ in length");
        }
        List<MarketPoint> points = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++) {
            points.add(new MarketPoint(Instant.ofEpochSecond(required(times.get(i), "market.t[" + i + "]")),
                    required(values.get(i), "market.v[" + i + "]")));
        }
        return MarketHistory.of(points, columns.held());
    }

    private static CoinColumns columns(CoinHistory coin) {
        LocalDate first = coin.firstDay().orElse(null);
        List<Double> lows = null;
        if (first != null) {
            lows = new ArrayList<>();
            LocalDate last = coin.dailyLows().lastKey();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                lows.add(coin.dailyLows().get(day));
            }
        }
        return new CoinColumns(first, lows, coin.latestPrice().orElse(null),
                coin.latestTime().map(Instant::getEpochSecond).orElse(null), coin.held().orElse(null));
    }

    private static CoinHistory coin(String id, CoinColumns columns) {
        Map<LocalDate, Double> lows = new TreeMap<>();
        if (columns.start() != null) {
            LocalDate day = columns.start();
            for (Double price : required(columns.lows(), "coins." + id + ".lows")) {
                if (price != null) {
                    lows.put(day, price);
                }
                day = day.plusDays(1);
            }
        }
        Instant latestAt = columns.latestAt() == null ? null : Instant.ofEpochSecond(columns.latestAt());
        return CoinHistory.of(lows, columns.latest(), latestAt, columns.held());
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return value;
    }

    /** Keeps the embedded report as the JSON text it was written as (it is only ever passed on). */
    static final class RawJson extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = parser.readValueAsTree();
            return ((ObjectMapper) parser.getCodec()).writeValueAsString(tree);
        }
    }
}
