package io.marketsentinel.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.marketsentinel.alerting.Episode;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.alerting.Silence;
import io.marketsentinel.alerting.Silences;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.history.Reading;
import io.marketsentinel.history.SuspectReading;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The state document, written and read by Jackson data binding: the ledger's episodes and the
 * outbox's notifications are the domain records themselves. Only the history is reshaped, into
 * columns ({@code "t": [...], "v": [...]}) and one array of daily prices from a start day, which
 * keeps two years of 15-minute runs well under 64 KB. The format is versioned ({@code format: 1})
 * and a golden file of it is read by the tests, so an upgrade never loses history or the ledger.
 */
public final class StateCodec {

    static final int FORMAT = 1;

    /** The most a stored state may take: under DynamoDB's 400 KB item limit, with room for the item's other attributes. */
    public static final int BUDGET_BYTES = 300 * 1024;

    /** Prices are stored to this many significant digits, CoinGecko's own precision and no more. */
    private static final MathContext PRICE_PRECISION = new MathContext(10);

    private static final Logger LOG = Logger.getLogger(StateCodec.class);

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

    /** The fields of {@link Document}: any other top-level field is a newer version's, kept as written. */
    private static final Set<String> KNOWN_FIELDS = Set.of("format", "version", "lastRunAt", "market", "coins",
            "episodes", "outbox", "lastReport", "silences", "lastDigest", "recentSuspects");

    /**
     * What is wrong with a document Jackson could not read, in a sentence: where, and what Jackson found,
     * without its echo of the source (which may be long, and is not the user's to read).
     */
    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException j) {
            String where = j.getLocation() == null || j.getLocation().getLineNr() < 1 ? ""
                    : " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
            if (j instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JsonMappingException.Reference ref : m.getPath()) {
                    if (ref.getFieldName() != null) {
                        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return "field '" + path + "' has the wrong type" + where;
            }
            return "not valid JSON" + where + " (" + j.getOriginalMessage() + ")";
        }
        return "unreadable (" + e.getClass().getSimpleName() + ")";
    }

    /** The stored document. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(Integer format, Long version, Instant lastRunAt, MarketColumns market,
                    Map<String, CoinColumns> coins, List<Episode> episodes, Outbox outbox,
                    @JsonRawValue @JsonDeserialize(using = RawJson.class) String lastReport,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Silence> silences,
                    @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate lastDigest,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SuspectReading> recentSuspects) {
    }

    /** The total market cap as two columns: epoch seconds and USD; and a reading the guard holds aside. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MarketColumns(List<Long> t, List<Double> v, SuspectReading held) {
    }

    /**
     * A coin's daily lows from {@code start}, one per day ({@code null} for a day without one), the
     * latest price, and — before {@code start}, where a compacted state keeps only weekly lows —
     * the sparse days as two columns (epoch days and prices).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CoinColumns(LocalDate start, List<Double> lows, Double latest, Long latestAt, SuspectReading held,
                       SparseDays before, HourlyHighs highs) {
    }

    /** A coin's recent hourly highs: the first hour (epoch seconds) and one high per hour on ({@code null}: none). */
    @RegisterForReflection
    record HourlyHighs(Long from, List<Double> v) {
    }

    /** Days far apart, as epoch days and prices. */
    @RegisterForReflection
    record SparseDays(List<Long> d, List<Double> v) {
    }

    /** A state as it will be stored (compacted if it had to be) and its document. */
    public record Encoded(SentinelState state, byte[] bytes) {
    }

    /**
     * Encodes {@code state}, compacting it first if its document would pass {@link #BUDGET_BYTES},
     * step by step until it fits: the stored last report goes; all but the latest {@link Outbox#DEAD_LETTERS_WHEN_COMPACTED} dead letters
     * go (counted); daily prices older than three, then two, then one year are thinned to weekly
     * lows. A save never fails for size while a compaction step is left.
     */
    public Encoded encodeWithinBudget(SentinelState state) {
        byte[] bytes = encode(state);
        List<UnaryOperator<SentinelState>> steps = List.of(
                s -> s.withLastRun(s.lastRunAt(), null),
                s -> s.withOutbox(s.outbox().keepDeadLetters(Outbox.DEAD_LETTERS_WHEN_COMPACTED)),
                s -> thinned(s, 3), s -> thinned(s, 2), s -> thinned(s, 1));
        SentinelState compacted = state;
        for (int i = 0; bytes.length > BUDGET_BYTES && i < steps.size(); i++) {
            compacted = steps.get(i).apply(compacted);
            bytes = encode(compacted);
            LOG.warnf("event=state_compacted step=%d size_bytes=%d budget_bytes=%d", i + 1, bytes.length, BUDGET_BYTES);
        }
        return new Encoded(compacted, bytes);
    }

    private static SentinelState thinned(SentinelState state, int years) {
        Map<String, CoinHistory> coins = new TreeMap<>();
        state.history().coins().forEach((id, coin) -> coins.put(id, coin.isEmpty() ? coin
                : coin.thinnedBefore(coin.dailyLows().lastKey().minusYears(years))));
        return state.withHistory(History.of(state.history().market(), coins));
    }

    public byte[] encode(SentinelState state) {
        Map<String, CoinColumns> coins = new LinkedHashMap<>();
        state.history().coins().forEach((id, coin) -> coins.put(id, columns(coin)));
        Document document = new Document(FORMAT, state.version(), state.lastRunAt(), columns(state.history().market()),
                coins, state.episodes(), state.outbox(), state.lastReport(), state.silences().all(),
                state.lastDigest(), state.recentSuspects());
        try {
            if (state.newerFields() == null) {
                return mapper.writeValueAsBytes(document);
            }
            // A newer version's fields go back as they came, after ours.
            ObjectNode written = mapper.valueToTree(document);
            mapper.readTree(state.newerFields()).fields().forEachRemaining(f -> {
                if (!written.has(f.getKey())) {
                    written.set(f.getKey(), f.getValue());
                }
            });
            return mapper.writeValueAsBytes(written);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state could not be written as JSON", e);
        }
    }

    /** The top-level fields of {@code root} that this version does not know, as a JSON object, or {@code null}. */
    private String newerFields(JsonNode root) {
        ObjectNode newer = mapper.createObjectNode();
        root.fields().forEachRemaining(f -> {
            if (!KNOWN_FIELDS.contains(f.getKey())) {
                newer.set(f.getKey(), f.getValue());
            }
        });
        return newer.isEmpty() ? null : newer.toString();
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
            throw new IllegalArgumentException(describe(e), e);
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
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            d = mapper.treeToValue(root, Document.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(describe(e), e);
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
                d.lastRunAt(), d.lastReport(), new Silences(d.silences() == null ? List.of() : d.silences()),
                d.lastDigest(), d.recentSuspects(), newerFields(root));
    }

    private static void checkFormat(Integer format) {
        if (required(format, "format") != FORMAT) {
            throw new IllegalArgumentException("unknown state format " + format + " (this version reads " + FORMAT + ")");
        }
    }

    private static MarketColumns columns(MarketHistory market) {
        List<Long> times = new ArrayList<>(market.points().size());
        List<Double> values = new ArrayList<>(market.points().size());
        for (Reading p : market.points()) {
            times.add(p.time().getEpochSecond());
            values.add(p.value());
        }
        return new MarketColumns(times, values, market.held().orElse(null));
    }

    private static MarketHistory market(MarketColumns columns) {
        List<Long> times = required(columns.t(), "market.t");
        List<Double> values = required(columns.v(), "market.v");
        if (times.size() != values.size()) {
            throw new IllegalArgumentException("market.t and market.v differ in length");
        }
        List<Reading> points = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++) {
            points.add(new Reading(Instant.ofEpochSecond(required(times.get(i), "market.t[" + i + "]")),
                    required(values.get(i), "market.v[" + i + "]")));
        }
        return MarketHistory.of(points, columns.held());
    }

    private static CoinColumns columns(CoinHistory coin) {
        LocalDate first = coin.firstDay().orElse(null);
        List<Double> lows = null;
        SparseDays before = null;
        if (first != null) {
            // Dense from the last gap of more than a week on (every day a slot); sparse before it.
            LocalDate dense = first;
            LocalDate previous = null;
            for (LocalDate day : coin.dailyLows().keySet()) {
                if (previous != null && day.toEpochDay() - previous.toEpochDay() > 7) {
                    dense = day;
                }
                previous = day;
            }
            if (dense.isAfter(first)) {
                List<Long> days = new ArrayList<>();
                List<Double> prices = new ArrayList<>();
                coin.dailyLows().headMap(dense, false).forEach((day, price) -> {
                    days.add(day.toEpochDay());
                    prices.add(price(price));
                });
                before = new SparseDays(days, prices);
            }
            lows = new ArrayList<>();
            LocalDate last = coin.dailyLows().lastKey();
            for (LocalDate day = dense; !day.isAfter(last); day = day.plusDays(1)) {
                lows.add(price(coin.dailyLows().get(day)));
            }
            first = dense;
        }
        return new CoinColumns(first, lows, price(coin.latestPrice().orElse(null)),
                coin.latestTime().map(Instant::getEpochSecond).orElse(null), coin.held().orElse(null), before,
                highs(coin.hourlyHighs()));
    }

    private static HourlyHighs highs(NavigableMap<Instant, Double> hourly) {
        if (hourly.isEmpty()) {
            return null;
        }
        List<Double> highs = new ArrayList<>();
        for (Instant hour = hourly.firstKey(); !hour.isAfter(hourly.lastKey()); hour = hour.plus(Duration.ofHours(1))) {
            highs.add(price(hourly.get(hour)));
        }
        return new HourlyHighs(hourly.firstKey().getEpochSecond(), highs);
    }

    private static Map<Instant, Double> hourly(String id, HourlyHighs highs) {
        Map<Instant, Double> hourly = new TreeMap<>();
        if (highs != null) {
            Instant hour = Instant.ofEpochSecond(required(highs.from(), "coins." + id + ".highs.from"));
            for (Double high : required(highs.v(), "coins." + id + ".highs.v")) {
                if (high != null) {
                    hourly.put(hour, high);
                }
                hour = hour.plus(Duration.ofHours(1));
            }
        }
        return hourly;
    }

    private static CoinHistory coin(String id, CoinColumns columns) {
        Map<LocalDate, Double> lows = new TreeMap<>();
        if (columns.before() != null) {
            List<Long> days = required(columns.before().d(), "coins." + id + ".before.d");
            List<Double> prices = required(columns.before().v(), "coins." + id + ".before.v");
            if (days.size() != prices.size()) {
                throw new IllegalArgumentException("coins." + id + ".before.d and .v differ in length");
            }
            for (int i = 0; i < days.size(); i++) {
                lows.put(LocalDate.ofEpochDay(days.get(i)), prices.get(i));
            }
        }
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
        return CoinHistory.of(lows, columns.latest(), latestAt, columns.held(), hourly(id, columns.highs()));
    }

    private static Double price(Double usd) {
        return usd == null ? null : new BigDecimal(usd).round(PRICE_PRECISION).doubleValue();
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
