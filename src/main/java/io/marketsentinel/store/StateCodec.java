package io.marketsentinel.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Episode;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.history.MarketPoint;
import io.marketsentinel.rules.Finding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state document: compact JSON written by hand with Jackson's tree model (no reflection, so
 * nothing to register for the native image, and a format that does not move when a class does).
 * Series are stored column-wise ({@code "t": [...], "v": [...]}) and daily prices as one array
 * from a start day, which keeps two years of 15-minute runs well under 64 KB.
 */
public final class StateCodec {

    static final int FORMAT = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;

    public StateCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] encode(SentinelState state) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("version", state.version());
        if (state.lastRunAt() != null) {
            root.put("lastRunAt", state.lastRunAt().toString());
        }
        root.set("market", encodeMarket(state.history().market()));
        ObjectNode coins = root.putObject("coins");
        state.history().coins().forEach((id, coin) -> coins.set(id, encodeCoin(coin)));
        ArrayNode episodes = root.putArray("episodes");
        state.episodes().forEach(e -> episodes.add(encodeEpisode(e)));
        ObjectNode outbox = root.putObject("outbox");
        ArrayNode pending = outbox.putArray("pending");
        state.outbox().pending().forEach(n -> pending.add(encodeNotification(n)));
        ArrayNode dead = outbox.putArray("deadLetters");
        state.outbox().deadLetters().forEach(n -> dead.add(encodeNotification(n)));
        if (state.lastReport() != null) {
            // The report is JSON this function wrote; embedding it raw saves a parse on every save.
            root.putRawValue("lastReport", new RawValue(state.lastReport()));
        }
        try {
            return mapper.writeValueAsBytes(root);
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
        return required(root(bytes), "version").asLong();
    }

    /**
     * Reads a state document.
     *
     * @throws IllegalArgumentException naming what is wrong, when the document is not a valid state
     */
    public SentinelState decode(byte[] bytes) {
        JsonNode root = root(bytes);
        long version = required(root, "version").asLong();
        Instant lastRunAt = root.hasNonNull("lastRunAt") ? Instant.parse(root.get("lastRunAt").asText()) : null;
        MarketHistory market = decodeMarket(required(root, "market"));
        Map<String, CoinHistory> coins = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = required(root, "coins").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            coins.put(e.getKey(), decodeCoin(e.getValue()));
        }
        List<Episode> episodes = new ArrayList<>();
        for (JsonNode e : required(root, "episodes")) {
            episodes.add(decodeEpisode(e));
        }
        JsonNode outboxNode = required(root, "outbox");
        List<Notification> pending = new ArrayList<>();
        for (JsonNode n : required(outboxNode, "pending")) {
            pending.add(decodeNotification(n));
        }
        List<Notification> dead = new ArrayList<>();
        for (JsonNode n : required(outboxNode, "deadLetters")) {
            dead.add(decodeNotification(n));
        }
        String lastReport = root.hasNonNull("lastReport") ? text(root.get("lastReport")) : null;
        return new SentinelState(version, History.of(market, coins), episodes, new Outbox(pending, dead),
                lastRunAt, lastReport);
    }

    /** Through this codec's mapper: {@code JsonNode.toString()} would set up a second one (~15 ms at a cold start). */
    private String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("lastReport cannot be written back: " + e.getOriginalMessage(), e);
        }
    }

    /** The parsed document, checked to be a state document of the format this version reads. */
    private JsonNode root(byte[] bytes) {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        int format = required(root, "format").asInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown state format " + format + " (this version reads " + FORMAT + ")");
        }
        return root;
    }

    private static ObjectNode encodeMarket(MarketHistory market) {
        ObjectNode node = NODES.objectNode();
        ArrayNode times = node.putArray("t");
        ArrayNode values = node.putArray("v");
        for (MarketPoint p : market.points()) {
            times.add(p.time().getEpochSecond());
            values.add(p.totalMarketCapUsd());
        }
        return node;
    }

    private static MarketHistory decodeMarket(JsonNode node) {
        JsonNode times = required(node, "t");
        JsonNode values = required(node, "v");
        if (times.size() != values.size()) {
            throw new IllegalArgumentException("market.t and market.v differ in length");
        }
        List<MarketPoint> points = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++) {
            points.add(new MarketPoint(Instant.ofEpochSecond(times.get(i).asLong()), values.get(i).asDouble()));
        }
        return MarketHistory.of(points);
    }

    private static ObjectNode encodeCoin(CoinHistory coin) {
        ObjectNode node = NODES.objectNode();
        if (!coin.isEmpty()) {
            LocalDate first = coin.firstDay().orElseThrow();
            node.put("start", first.toString());
            ArrayNode lows = node.putArray("lows");
            LocalDate last = coin.dailyLows().lastKey();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                Double price = coin.dailyLows().get(day);
                if (price == null) {
                    lows.addNull();
                } else {
                    lows.add(price);
                }
            }
        }
        coin.latestPrice().ifPresent(p -> node.put("latest", p));
        coin.latestTime().ifPresent(t -> node.put("latestAt", t.getEpochSecond()));
        return node;
    }

    private static CoinHistory decodeCoin(JsonNode node) {
        Map<LocalDate, Double> lows = new TreeMap<>();
        if (node.hasNonNull("start")) {
            LocalDate day = LocalDate.parse(node.get("start").asText());
            for (JsonNode price : required(node, "lows")) {
                if (!price.isNull()) {
                    lows.put(day, price.asDouble());
                }
                day = day.plusDays(1);
            }
        }
        Double latest = node.hasNonNull("latest") ? node.get("latest").asDouble() : null;
        Instant latestAt = node.hasNonNull("latestAt") ? Instant.ofEpochSecond(node.get("latestAt").asLong()) : null;
        return CoinHistory.of(lows, latest, latestAt);
    }

    private static ObjectNode encodeEpisode(Episode e) {
        ObjectNode node = NODES.objectNode();
        node.put("key", e.key());
        node.put("pendingSince", e.pendingSince().toString());
        putInstant(node, "firingSince", e.firingSince());
        putInstant(node, "lastNotifiedAt", e.lastNotifiedAt());
        node.put("sequence", e.sequence());
        if (e.alerted() != null) {
            node.set("alerted", encodeFinding(e.alerted()));
        }
        return node;
    }

    private static Episode decodeEpisode(JsonNode node) {
        return new Episode(required(node, "key").asText(), instant(required(node, "pendingSince")),
                optionalInstant(node, "firingSince"),
                node.hasNonNull("alerted") ? decodeFinding(node.get("alerted")) : null,
                optionalInstant(node, "lastNotifiedAt"), node.path("sequence").asInt());
    }

    private static ObjectNode encodeFinding(Finding f) {
        ObjectNode node = NODES.objectNode();
        node.put("rule", f.rule());
        if (f.subject() != null) {
            node.put("subject", f.subject());
        }
        node.put("breached", f.breached());
        node.put("magnitude", f.magnitude());
        node.put("value", f.value());
        node.put("headline", f.headline());
        node.put("text", f.text());
        node.set("facts", encodeFacts(f.facts()));
        return node;
    }

    private static Finding decodeFinding(JsonNode node) {
        return new Finding(required(node, "rule").asText(), node.hasNonNull("subject") ? node.get("subject").asText() : null,
                node.path("breached").asBoolean(), node.path("magnitude").asDouble(), node.path("value").asDouble(),
                required(node, "headline").asText(), required(node, "text").asText(), decodeFacts(node.path("facts")));
    }

    private static ObjectNode encodeNotification(Notification n) {
        ObjectNode node = NODES.objectNode();
        node.put("id", n.id());
        node.put("createdAt", n.createdAt().toString());
        node.put("rule", n.rule());
        if (n.subject() != null) {
            node.put("subject", n.subject());
        }
        node.put("kind", n.kind().name());
        node.put("headline", n.headline());
        node.put("text", n.text());
        node.set("facts", encodeFacts(n.facts()));
        ObjectNode channels = node.putObject("channels");
        n.channels().forEach((channel, d) -> {
            ObjectNode c = channels.putObject(channel);
            c.put("status", d.status().name());
            c.put("attempts", d.attempts());
            putInstant(c, "lastAttemptAt", d.lastAttemptAt());
            putInstant(c, "retryAt", d.retryAt());
            if (d.lastError() != null) {
                c.put("lastError", d.lastError());
            }
        });
        return node;
    }

    private static Notification decodeNotification(JsonNode node) {
        Map<String, ChannelDelivery> channels = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = required(node, "channels").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            channels.put(e.getKey(), new ChannelDelivery(ChannelDelivery.Status.valueOf(required(c, "status").asText()),
                    c.path("attempts").asInt(), optionalInstant(c, "lastAttemptAt"),
                    c.hasNonNull("lastError") ? c.get("lastError").asText() : null, optionalInstant(c, "retryAt")));
        }
        return new Notification(required(node, "id").asText(), instant(required(node, "createdAt")),
                required(node, "rule").asText(), node.hasNonNull("subject") ? node.get("subject").asText() : null,
                DecisionKind.valueOf(required(node, "kind").asText()), required(node, "headline").asText(),
                required(node, "text").asText(), decodeFacts(node.path("facts")), channels);
    }

    private static ObjectNode encodeFacts(Map<String, String> facts) {
        ObjectNode node = NODES.objectNode();
        facts.forEach(node::put);
        return node;
    }

    private static Map<String, String> decodeFacts(JsonNode node) {
        Map<String, String> facts = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> facts.put(e.getKey(), e.getValue().asText()));
        return facts;
    }

    private static void putInstant(ObjectNode node, String name, Instant value) {
        if (value != null) {
            node.put(name, value.toString());
        }
    }

    private static Instant optionalInstant(JsonNode node, String name) {
        return node.hasNonNull(name) ? instant(node.get(name)) : null;
    }

    private static Instant instant(JsonNode node) {
        return Instant.parse(node.asText());
    }

    private static JsonNode required(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return value;
    }
}
