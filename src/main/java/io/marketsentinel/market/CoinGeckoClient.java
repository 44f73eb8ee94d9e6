package io.marketsentinel.market;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.marketsentinel.history.Reading;
import io.marketsentinel.http.HttpAnswers;
import io.marketsentinel.http.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.net.URI;
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
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * CoinGecko as the function needs it: two calls per check ({@code /global} and one
 * {@code /simple/price} for all watched coins) and a one-off daily history per coin. The upper of
 * two layers over the {@link CoinGeckoApi} REST client: it owns timeouts, bounded retries with
 * backoff, Retry-After within the fetch budget, and the validation that turns a doubtful answer
 * into a {@link MarketDataException} naming the endpoint and field. Each request made is added to
 * the caller's {@code calls} list, so a run can report what it spent.
 */
@ApplicationScoped
public class CoinGeckoClient {

    private static final Logger LOG = Logger.getLogger(CoinGeckoClient.class);

    /** CoinGecko's clock and ours may disagree a little: data "from the future" within this is fine. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final GenericType<Map<String, CoinGeckoApi.Price>> PRICES = new GenericType<>() {
    };

    private final CoinGeckoApi api;
    /** Where requests go: the configured base URL, or the primer's loopback stub. */
    private final String target;
    private final Settings config;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * How this client spends a run's time and trusts an answer ({@code sentinel.coingecko.*}); the REST
     * client's own URL, transport timeouts and providers are {@code quarkus.rest-client.coingecko.*}.
     *
     * @param baseUrl     the API's base URL (no secret in it), where requests go and what messages name
     * @param key         the demo or pro key as it is now (the secret may change it while the function runs),
     *                    sent by {@link ApiKeyFilter}
     * @param keyHeader   the header the key goes in ({@code x-cg-demo-api-key} or {@code x-cg-pro-api-key})
     * @param paidPlan    a pro key: the market cap history may be asked for
     * @param timeout     one whole exchange, body included
     * @param retries     attempts after the first, for 429, 5xx and transport failures
     * @param retryBackoff the first wait between attempts, doubled each time
     * @param budget      all of a fetch, retries included
     * @param maxDataAge  an {@code updated_at} older than this is stale
     * @param keyRefused  CoinGecko refused the key (401, 403): read it again now; whether it changed (then the
     *                    request is made again at once, with the new key)
     */
    public record Settings(String baseUrl, Supplier<Optional<String>> key, String keyHeader, boolean paidPlan,
                           Duration timeout, int retries, Duration retryBackoff, Duration budget, Duration maxDataAge,
                           BooleanSupplier keyRefused) {

        /** A key that never changes. */
        public Settings(String baseUrl, Supplier<Optional<String>> key, String keyHeader, boolean paidPlan,
                        Duration timeout, int retries, Duration retryBackoff, Duration budget, Duration maxDataAge) {
            this(baseUrl, key, keyHeader, paidPlan, timeout, retries, retryBackoff, budget, maxDataAge, () -> false);
        }

        /** The key now. */
        public Optional<String> apiKey() {
            return key.get();
        }
    }

    /** How the client waits between attempts; a seam so that tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @Inject
    public CoinGeckoClient(@RestClient CoinGeckoApi api, Settings settings, Clock clock) {
        this(settings, clock, d -> Thread.sleep(d.toMillis()), api, settings.baseUrl());
    }

    CoinGeckoClient(Settings config, Clock clock, Sleeper sleeper, CoinGeckoApi api, String target) {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.api = api;
        this.target = target;
    }

    /**
     * Runs a check's fetch and a bootstrap against {@code stub}, a loopback server with CoinGecko's
     * answers: the REST client's first connection, its Jackson readers and the validation are done
     * at init (before SnapStart's snapshot) instead of on the first check. No request reaches CoinGecko.
     *
     * @return the requests made to the stub
     */
    public int prime(URI stub) {
        // The same REST client instance as the checks use, pointed at the stub for these requests.
        CoinGeckoClient canned = new CoinGeckoClient(config, clock, sleeper, api, stub.toString());
        List<ApiCall> calls = new ArrayList<>();
        canned.snapshot(List.of("bitcoin"), calls);
        canned.dailyHistory("bitcoin", calls);
        return calls.size();
    }

    /** The base URL, for messages ("CoinGecko unreachable at ..."); it holds no secret. */
    public String baseUrl() {
        return config.baseUrl();
    }

    /** Fetches the total market cap and every watched coin's price: exactly two requests when all goes well. */
    public MarketSnapshot snapshot(List<String> coins, List<ApiCall> calls) {
        return snapshot(coins, calls, Instant.MAX);
    }

    /** As {@link #snapshot(List, List)}, done by {@code notAfter} (the run's deadline) even if the budget is longer. */
    public MarketSnapshot snapshot(List<String> coins, List<ApiCall> calls, Instant notAfter) {
        Instant deadline = budgetEnd(notAfter);
        String request = "GET /global";
        CoinGeckoApi.Global global = get(request, deadline, calls, () -> api.global(target),
                r -> r.readEntity(CoinGeckoApi.Global.class));
        double total = global.totalUsd(request);
        Instant updatedAt = global.updatedAt(request);
        Instant now = clock.instant();
        requireFresh(updatedAt, now, request, "data.updated_at");

        String ids = String.join(",", coins);
        Map<String, CoinGeckoApi.Price> prices = get("GET /simple/price", deadline, calls,
                () -> api.simplePrice(target, ids, "usd", true), r -> r.readEntity(PRICES));
        Map<String, MarketSnapshot.CoinQuote> quotes = new LinkedHashMap<>();
        for (String coin : coins) {
            CoinGeckoApi.Price entry = prices.get(coin);
            if (entry == null || entry.unknownCoin()) {
                throw new MarketDataException("GET /simple/price: unknown coin id '" + coin
                        + "' (CoinGecko returned no price for it; check sentinel.coins)", false);
            }
            double price = entry.usd("GET /simple/price", coin);
            Instant coinUpdated = entry.updatedAt("GET /simple/price", coin);
            requireFresh(coinUpdated, now, "GET /simple/price", coin + ".last_updated_at");
            quotes.put(coin, new MarketSnapshot.CoinQuote(price, coinUpdated));
        }
        return new MarketSnapshot(now, total, updatedAt, quotes);
    }

    /** A coin's daily prices over the last 365 days (the demo plan's limit), lowest per UTC day. */
    public NavigableMap<LocalDate, Double> dailyHistory(String coin, List<ApiCall> calls) {
        return dailyHistory(coin, calls, Instant.MAX);
    }

    /** As {@link #dailyHistory(String, List)}, done by {@code notAfter}. */
    public NavigableMap<LocalDate, Double> dailyHistory(String coin, List<ApiCall> calls, Instant notAfter) {
        String request = "GET /coins/" + coin + "/market_chart";
        Instant deadline = budgetEnd(notAfter);
        CoinGeckoApi.MarketChart chart = get(request, deadline, calls,
                () -> api.marketChart(target, coin, "usd", 365, "daily"), r -> r.readEntity(CoinGeckoApi.MarketChart.class));
        TreeMap<LocalDate, Double> lows = new TreeMap<>();
        for (Reading point : chart.readings(request)) {
            lows.merge(LocalDate.ofInstant(point.time(), ZoneOffset.UTC), point.value(), Math::min);
        }
        return lows;
    }

    /**
     * The total market cap over the last {@code days} days from {@code /global/market_cap_chart}
     * (paid plans only: CoinGecko answers daily points for 2 days and more), oldest first.
     */
    public List<Reading> marketCapHistory(int days, List<ApiCall> calls) {
        String request = "GET /global/market_cap_chart";
        Instant deadline = clock.instant().plus(config.budget());
        CoinGeckoApi.MarketCapChart chart = get(request, deadline, calls, () -> api.marketCapChart(target, "usd", days),
                r -> r.readEntity(CoinGeckoApi.MarketCapChart.class));
        return chart.readings(request);
    }

    private Instant budgetEnd(Instant notAfter) {
        Instant budget = clock.instant().plus(config.budget());
        return budget.isBefore(notAfter) ? budget : notAfter;
    }

    /** Whether the configured key is a paid (Pro) key, which unlocks the market cap history. */
    public boolean paidPlan() {
        return config.paidPlan() && config.apiKey().isPresent();
    }

    /** Reads a successful answer's body into its DTO. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(Response response);
    }

    /**
     * One request with retries: 2xx is read into its DTO; 429 waits its Retry-After when that fits
     * the budget; 5xx and transport failures are retried with backoff; other 4xx fail at once.
     */
    private <T> T get(String request, Instant deadline, List<ApiCall> calls, Supplier<CompletionStage<Response>> call,
                      Reader<T> reader) {
        try {
            return attempts(request, deadline, calls, call, reader);
        } catch (MarketDataException e) {
            // What CoinGecko sent back (a body quoted in a parse error) may echo the key, whole or in part.
            throw new MarketDataException(Secrets.scrub(e.getMessage(), config.apiKey().stream().toList()), e.retryable());
        }
    }

    private <T> T attempts(String request, Instant deadline, List<ApiCall> calls, Supplier<CompletionStage<Response>> call,
                           Reader<T> reader) {
        String lastProblem = null;
        int failures = 0;
        boolean keyReadAgain = false;
        while (true) {
            long start = System.nanoTime();
            Duration wait = null;
            // One exchange, body included, within the timeout and what is left of the budget.
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new MarketDataException(lastProblem != null ? lastProblem + " (after " + failures + " attempts; no time left)"
                        : request + ": no time left in the run's fetch budget", true);
            }
            Duration limit = HttpAnswers.limit(config.timeout(), clock.instant(), deadline);
            try (Response response = HttpAnswers.within(call.get(), limit)) {
                int status = response.getStatus();
                calls.add(new ApiCall(request, status, elapsedMillis(start)));
                HttpAnswers.Verdict verdict = HttpAnswers.classify(status);
                if (verdict == HttpAnswers.Verdict.OK) {
                    return body(request, response, reader);
                }
                if (verdict == HttpAnswers.Verdict.PERMANENT) {
                    if ((status == 401 || status == 403) && !keyReadAgain) {
                        keyReadAgain = true;
                        if (config.keyRefused().getAsBoolean()) {
                            LOG.infof("event=coingecko_key_renewed request=\"%s\" status=%d", request, status);
                            continue; // at once, with the key the secret holds now
                        }
                    }
                    if (status == 404 && request.startsWith("GET /coins/")) {
                        throw new MarketDataException(request + ": unknown coin id (HTTP 404; check sentinel.coins)", false);
                    }
                    throw new MarketDataException(request + ": HTTP " + status + clientErrorHint(status), false);
                }
                lastProblem = request + ": HTTP " + status;
                if (status == 429) {
                    Optional<Duration> retryAfter = HttpAnswers.retryAfter(response.getHeaderString("Retry-After"),
                            clock.instant());
                    if (retryAfter.isPresent() && clock.instant().plus(retryAfter.get()).isAfter(deadline)) {
                        throw new MarketDataException("CoinGecko rate limited " + request + ", retry after "
                                + retryAfter.get().toSeconds() + " s", true);
                    }
                    lastProblem = "CoinGecko rate limited " + request;
                    wait = retryAfter.orElse(null);
                }
            } catch (jakarta.ws.rs.ProcessingException e) {
                calls.add(new ApiCall(request, 0, elapsedMillis(start)));
                lastProblem = transportProblem(request, e);
            } catch (TimeoutException e) {
                calls.add(new ApiCall(request, 0, elapsedMillis(start)));
                lastProblem = request + ": timed out after " + limit.toMillis() + " ms";
            } catch (MarketDataException e) {
                throw e;
            } catch (RuntimeException e) {
                // The HTTP client could not make sense of the answer at all (a status line "HTTP/1.1 2x0 WHAT").
                calls.add(new ApiCall(request, 0, elapsedMillis(start)));
                lastProblem = request + ": not a readable HTTP answer (" + e.getClass().getSimpleName() + ")";
            }
            failures++;
            if (wait == null) {
                wait = config.retryBackoff().multipliedBy(1L << Math.min(failures - 1, 10));
            }
            if (failures > config.retries() || clock.instant().plus(wait).isAfter(deadline)) {
                throw new MarketDataException(lastProblem + (failures > 1 ? " (after " + failures + " attempts)" : ""), true);
            }
            LOG.infof("event=coingecko_retry request=\"%s\" problem=\"%s\" wait_ms=%d", request, lastProblem, wait.toMillis());
            sleep(wait);
        }
    }

    /** The body as its DTO; a body that is not JSON, or JSON of the wrong shape, names what is wrong. */
    private static <T> T body(String request, Response response, Reader<T> reader) {
        T value;
        try {
            value = reader.read(response);
        } catch (RuntimeException e) {
            throw new MarketDataException(request + ": " + describeBadBody(e), true);
        }
        if (value == null) {
            throw new MarketDataException(request + ": response is not a JSON object", true);
        }
        return value;
    }

    private static String describeBadBody(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MismatchedInputException m) {
                String path = path(m);
                if (path.isEmpty()) {
                    return "response is not a JSON object";
                }
                Class<?> target = m.getTargetType();
                boolean numeric = target != null && (Number.class.isAssignableFrom(target) || target.isPrimitive());
                return "field '" + path + "' " + (numeric ? "is not a number" : "has the wrong shape");
            }
            if (t instanceof JsonProcessingException j) {
                return "malformed JSON (" + j.getOriginalMessage() + ")";
            }
        }
        return "unreadable answer (" + e.getClass().getSimpleName() + ")";
    }

    /** Jackson's path to the bad value as the messages name fields: {@code data.total_market_cap.usd}, {@code prices[3][1]}. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private String transportProblem(String request, RuntimeException e) {
        if (HttpAnswers.unreachable(e)) {
            return "CoinGecko unreachable at " + config.baseUrl() + " (" + request + ")";
        }
        if (HttpAnswers.timedOut(e)) {
            return request + ": timed out after " + config.timeout().toMillis() + " ms";
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "CoinGecko unreachable at " + config.baseUrl() + " (" + request + ": " + root.getClass().getSimpleName() + ")";
    }

    private static String clientErrorHint(int status) {
        return switch (status) {
            case 401, 403 -> " (the API key is missing, wrong, or of the other key type; see sentinel.coingecko.key-type)";
            case 400 -> " (bad request; check sentinel.coins)";
            default -> "";
        };
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


    private static double elapsedMillis(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 100_000.0) / 10.0;
    }
}
