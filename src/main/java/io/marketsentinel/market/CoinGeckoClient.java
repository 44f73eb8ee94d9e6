package io.marketsentinel.market;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.config.SentinelConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * CoinGecko as the function needs it: two calls per check ({@code /global} and one
 * {@code /simple/price} for all watched coins) and a one-off daily history per coin. Owns
 * timeouts, bounded retries with backoff, Retry-After, and the validation that turns a doubtful
 * answer into a {@link MarketDataException} naming the endpoint and field. Each request made is
 * added to the caller's {@code calls} list, so a run can report what it spent.
 */
@ApplicationScoped
public class CoinGeckoClient {

    private static final Logger LOG = Logger.getLogger(CoinGeckoClient.class);

    /** CoinGecko's clock and ours may disagree a little: data "from the future" within this is fine. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final CoinGeckoApi api;
    private final SentinelConfig.CoinGecko config;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Sleeper sleeper;

    /** How the client waits between attempts; a seam so that tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @Inject
    public CoinGeckoClient(SentinelConfig config, Clock clock, ObjectMapper mapper) {
        this(config.coingecko(), clock, mapper, d -> Thread.sleep(d.toMillis()));
    }

    CoinGeckoClient(SentinelConfig.CoinGecko config, Clock clock, ObjectMapper mapper, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.mapper = mapper;
        this.sleeper = sleeper;
        this.api = new HttpCoinGeckoApi(config.baseUrl(), config.timeout());
    }

    /** The base URL, for messages ("CoinGecko unreachable at ..."); it holds no secret. */
    public String baseUrl() {
        return config.baseUrl();
    }

    /** Fetches the total market cap and every watched coin's price: exactly two requests when all goes well. */
    public MarketSnapshot snapshot(List<String> coins, List<ApiCall> calls) {
        Instant deadline = clock.instant().plus(config.budget());
        JsonNode global = getJson("GET /global", deadline, calls, () -> api.global(keyHeader(), key()));
        JsonNode data = field(global, "GET /global", "data");
        double total = positiveNumber(field(field(data, "GET /global", "data.total_market_cap"),
                "GET /global", "data.total_market_cap.usd"), "GET /global", "data.total_market_cap.usd");
        Instant updatedAt = epochSeconds(field(data, "GET /global", "data.updated_at"), "GET /global", "data.updated_at");
        Instant now = clock.instant();
        requireFresh(updatedAt, now, "GET /global", "data.updated_at");

        String ids = String.join(",", coins);
        JsonNode prices = getJson("GET /simple/price", deadline, calls,
                () -> api.simplePrice(ids, keyHeader(), key()));
        Map<String, MarketSnapshot.CoinQuote> quotes = new LinkedHashMap<>();
        for (String coin : coins) {
            JsonNode entry = prices.get(coin);
            if (entry == null || !entry.isObject() || entry.isEmpty()) {
                throw new MarketDataException("GET /simple/price: unknown coin id '" + coin
                        + "' (CoinGecko returned no price for it; check sentinel.coins)", false);
            }
            double price = positiveNumber(field(entry, "GET /simple/price", coin + ".usd"),
                    "GET /simple/price", coin + ".usd");
            Instant coinUpdated = epochSeconds(field(entry, "GET /simple/price", coin + ".last_updated_at"),
                    "GET /simple/price", coin + ".last_updated_at");
            requireFresh(coinUpdated, now, "GET /simple/price", coin + ".last_updated_at");
            quotes.put(coin, new MarketSnapshot.CoinQuote(price, coinUpdated));
        }
        return new MarketSnapshot(now, total, updatedAt, quotes);
    }

    /** A coin's daily prices over the last 365 days (the demo plan's limit), lowest per UTC day. */
    public List<DailyPrice> dailyHistory(String coin, List<ApiCall> calls) {
        String request = "GET /coins/" + coin + "/market_chart";
        Instant deadline = clock.instant().plus(config.budget());
        JsonNode chart = getJson(request, deadline, calls,
                () -> api.marketChart(coin, keyHeader(), key()));
        JsonNode prices = field(chart, request, "prices");
        if (!prices.isArray() || prices.isEmpty()) {
            throw new MarketDataException(request + ": field 'prices' is not a non-empty array", false);
        }
        TreeMap<LocalDate, Double> lows = new TreeMap<>();
        for (int i = 0; i < prices.size(); i++) {
            JsonNode point = prices.get(i);
            String where = "prices[" + i + "]";
            if (!point.isArray() || point.size() < 2) {
                throw new MarketDataException(request + ": field '" + where + "' is not a [time, price] pair", false);
            }
            Instant time = epochMillis(point.get(0), request, where + "[0]");
            double price = positiveNumber(point.get(1), request, where + "[1]");
            lows.merge(LocalDate.ofInstant(time, ZoneOffset.UTC), price, Math::min);
        }
        List<DailyPrice> days = new ArrayList<>(lows.size());
        lows.forEach((day, price) -> days.add(new DailyPrice(day, price)));
        return days;
    }

    /**
     * The total market cap over the last {@code days} days from {@code /global/market_cap_chart}
     * (paid plans only: CoinGecko answers daily points for 2 days and more), oldest first.
     */
    public List<MarketCapPoint> marketCapHistory(int days, List<ApiCall> calls) {
        String request = "GET /global/market_cap_chart";
        Instant deadline = clock.instant().plus(config.budget());
        JsonNode chart = getJson(request, deadline, calls,
                () -> api.marketCapChart(days, keyHeader(), key()));
        JsonNode caps = field(field(chart, request, "market_cap_chart"), request, "market_cap_chart.market_cap");
        if (!caps.isArray() || caps.isEmpty()) {
            throw new MarketDataException(request + ": field 'market_cap_chart.market_cap' is not a non-empty array", false);
        }
        List<MarketCapPoint> points = new ArrayList<>(caps.size());
        for (int i = 0; i < caps.size(); i++) {
            JsonNode point = caps.get(i);
            String where = "market_cap_chart.market_cap[" + i + "]";
            if (!point.isArray() || point.size() < 2) {
                throw new MarketDataException(request + ": field '" + where + "' is not a [time, value] pair", false);
            }
            points.add(new MarketCapPoint(epochMillis(point.get(0), request, where + "[0]"),
                    positiveNumber(point.get(1), request, where + "[1]")));
        }
        return points;
    }

    /** One point of the total market cap history. */
    public record MarketCapPoint(Instant time, double totalMarketCapUsd) {
    }

    /** Whether the configured key is a paid (Pro) key, which unlocks the market cap history. */
    public boolean paidPlan() {
        return config.keyType() == SentinelConfig.KeyType.pro && config.apiKey().isPresent();
    }

    /** One request to CoinGecko; an {@link IOException} is a transport failure (refused, timed out). */
    @FunctionalInterface
    private interface Call {
        CoinGeckoApi.Answer send() throws IOException;
    }

    private JsonNode getJson(String request, Instant deadline, List<ApiCall> calls, Call call) {
        String body = getWithRetries(request, deadline, calls, call);
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MarketDataException(request + ": response is not a JSON object", true);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MarketDataException(request + ": malformed JSON (" + e.getOriginalMessage() + ")", true);
        }
    }

    private String getWithRetries(String request, Instant deadline, List<ApiCall> calls, Call call) {
        String lastProblem = null;
        int failures = 0;
        while (true) {
            long start = System.nanoTime();
            Duration wait;
            try {
                CoinGeckoApi.Answer response = call.send();
                int status = response.status();
                calls.add(new ApiCall(request, status, elapsedMillis(start)));
                if (status >= 200 && status < 300) {
                    return response.body();
                }
                if (status == 429) {
                    Duration retryAfter = retryAfter(response.header("Retry-After"));
                    if (clock.instant().plus(retryAfter).isAfter(deadline)) {
                        throw new MarketDataException("CoinGecko rate limited " + request + ", retry after "
                                + retryAfter.toSeconds() + " s", true);
                    }
                    LOG.infof("event=coingecko_rate_limited request=\"%s\" retry_after_s=%d", request, retryAfter.toSeconds());
                    sleep(retryAfter);
                    continue;
                }
                if (status == 404 && request.startsWith("GET /coins/")) {
                    throw new MarketDataException(request + ": unknown coin id (HTTP 404; check sentinel.coins)", false);
                }
                if (status < 500) {
                    throw new MarketDataException(request + ": HTTP " + status + clientErrorHint(status), false);
                }
                lastProblem = request + ": HTTP " + status;
            } catch (IOException e) {
                calls.add(new ApiCall(request, 0, elapsedMillis(start)));
                lastProblem = transportProblem(request, e);
            }
            failures++;
            wait = config.retryBackoff().multipliedBy(1L << Math.min(failures - 1, 10));
            if (failures > config.retries() || clock.instant().plus(wait).isAfter(deadline)) {
                throw new MarketDataException(lastProblem + (failures > 1 ? " (after " + failures + " attempts)" : ""), true);
            }
            LOG.infof("event=coingecko_retry request=\"%s\" problem=\"%s\" wait_ms=%d", request, lastProblem, wait.toMillis());
            sleep(wait);
        }
    }

    private String transportProblem(String request, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || (t.getMessage() != null && t.getMessage().contains("Connection refused"))) {
                return "CoinGecko unreachable at " + config.baseUrl() + " (" + request + ")";
            }
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return request + ": timed out after " + config.timeout().toMillis() + " ms";
            }
        }
        return "CoinGecko unreachable at " + config.baseUrl() + " (" + request + ": " + e.getClass().getSimpleName() + ")";
    }

    private static String clientErrorHint(int status) {
        return switch (status) {
            case 401, 403 -> " (the API key is missing, wrong, or of the other key type; see sentinel.coingecko.key-type)";
            case 400 -> " (bad request; check sentinel.coins)";
            default -> "";
        };
    }

    /** Retry-After as seconds (the HTTP date form is rare from CoinGecko; it is treated as one minute). */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Duration.ofSeconds(60);
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(60);
        }
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketDataException("interrupted while waiting to retry CoinGecko", true);
        }
    }

    private void requireFresh(Instant updatedAt, Instant now, String request, String fieldName) {
        Duration age = Duration.between(updatedAt, now);
        if (age.compareTo(config.maxDataAge()) > 0) {
            throw new MarketDataException(String.format(Locale.ROOT,
                    "%s: field '%s' is %s, %d min old (limit %d min): stale data", request, fieldName, updatedAt,
                    age.toMinutes(), config.maxDataAge().toMinutes()), true);
        }
        if (age.compareTo(CLOCK_SKEW.negated()) < 0) {
            throw new MarketDataException(request + ": field '" + fieldName + "' is " + updatedAt + ", in the future", true);
        }
    }

    private static JsonNode field(JsonNode parent, String request, String path) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            throw new MarketDataException(request + ": missing field '" + path + "'", true);
        }
        return node;
    }

    private static double positiveNumber(JsonNode node, String request, String path) {
        if (node == null || !node.isNumber()) {
            throw new MarketDataException(request + ": field '" + path + "' is not a number", true);
        }
        double value = node.asDouble();
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new MarketDataException(request + ": field '" + path + "' must be positive, got " + node.asText(), true);
        }
        return value;
    }

    private static Instant epochSeconds(JsonNode node, String request, String path) {
        if (!node.isNumber() || node.asLong() <= 0) {
            throw new MarketDataException(request + ": field '" + path + "' is not a Unix time in seconds", true);
        }
        return Instant.ofEpochSecond(node.asLong());
    }

    private static Instant epochMillis(JsonNode node, String request, String path) {
        if (node == null || !node.isNumber() || node.asLong() <= 0) {
            throw new MarketDataException(request + ": field '" + path + "' is not a Unix time in milliseconds", true);
        }
        return Instant.ofEpochMilli(node.asLong());
    }

    private String keyHeader() {
        return config.keyType().header();
    }

    private String key() {
        return config.apiKey().orElse(null);
    }

    private static double elapsedMillis(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 100_000.0) / 10.0;
    }
}
