package io.marketsentinel.market;

import io.marketsentinel.testing.Loopback;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.history.Reading;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.marketsentinel.testing.CoinGeckoStubs.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@WithTestResource(FakeServers.class)
class CoinGeckoClientTest {

    @Inject
    CoinGeckoClient client;

    private WireMockServer server;
    private Instant now;
    private final List<ApiCall> calls = new ArrayList<>();

    @BeforeEach
    void reset() {
        server = FakeServers.coinGecko();
        server.resetAll();
        now = TestClock.INSTANCE.advance(Duration.ofMinutes(15));
        CoinGeckoStubs.global(server, 2_562_500_000_000.0, now);
        CoinGeckoStubs.prices(server, Map.of("bitcoin", 62_100.0, "ethereum", 2_100.0), now);
    }

    @Test
    void fetchesTheTotalAndAllCoinsInTwoCallsWithTheDemoKeyHeader() {
        MarketSnapshot snapshot = client.snapshot(List.of("bitcoin", "ethereum"), calls);

        assertThat(snapshot.totalMarketCapUsd()).isEqualTo(2_562_500_000_000.0);
        assertThat(snapshot.marketUpdatedAt()).isEqualTo(now.minusSeconds(60));
        assertThat(snapshot.prices()).containsEntry("bitcoin", 62_100.0).containsEntry("ethereum", 2_100.0);
        assertThat(calls).extracting(ApiCall::request).containsExactly("GET /global", "GET /simple/price");
        server.verify(getRequestedFor(urlPathEqualTo(BASE + "/simple/price"))
                .withQueryParam("ids", equalTo("bitcoin,ethereum"))
                .withQueryParam("vs_currencies", equalTo("usd"))
                .withQueryParam("include_last_updated_at", equalTo("true"))
                .withHeader("x-cg-demo-api-key", equalTo("CG-test-demo-key-5ecret")));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(BASE + "/global")))
                .get(0).containsHeader("x-cg-pro-api-key")).isFalse();
    }

    @Test
    void waitsOutA429WhoseRetryAfterFitsTheBudget() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).inScenario("rl").whenScenarioStateIs("ok")
                .willReturn(okJson(CoinGeckoStubs.globalBody(3e12, now.minusSeconds(30)))));

        MarketSnapshot snapshot = client.snapshot(List.of("bitcoin"), calls);

        assertThat(snapshot.totalMarketCapUsd()).isEqualTo(3e12);
        assertThat(calls).extracting(ApiCall::status).containsExactly(429, 200, 200);
    }

    @Test
    void failsWithTheWaitWhenRetryAfterExceedsTheBudget() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        assertThatThrownBy(() -> client.snapshot(List.of("bitcoin"), calls))
                .isInstanceOf(MarketDataException.class)
                .hasMessage("CoinGecko rate limited GET /global, retry after 120 s");
    }

    @Test
    void retriesA500AndSucceeds() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).inScenario("5xx").whenScenarioStateIs("ok")
                .willReturn(okJson(CoinGeckoStubs.globalBody(3e12, now.minusSeconds(30)))));

        assertThat(client.snapshot(List.of("bitcoin"), calls).totalMarketCapUsd()).isEqualTo(3e12);
        assertThat(calls).extracting(ApiCall::status).containsExactly(500, 200, 200);
    }

    @Test
    void givesUpAfterABoundedNumberOf5xx() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> client.snapshot(List.of("bitcoin"), calls))
                .hasMessage("GET /global: HTTP 503 (after 3 attempts)");
        assertThat(calls).hasSize(3);
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global"))
                .willReturn(okJson(CoinGeckoStubs.globalBody(3e12, now)).withFixedDelay(6_000)));
        assertThatThrownBy(() -> client.snapshot(List.of("bitcoin"), calls))
                .isInstanceOf(MarketDataException.class)
                .hasMessageContaining("GET /global: timed out after 3000 ms");
        assertThat(calls).hasSize(3).allMatch(c -> c.status() == 0);
    }

    @Test
    void aBodyDribbledByteByByteIsCutOffAtTheTimeoutForTheWholeExchange() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).willReturn(okJson(CoinGeckoStubs.globalBody(3e12, now))
                .withChunkedDribbleDelay(60, 30_000)));
        // Timeout 1 s and 2 retries (three attempts): a per-read timeout would wait out the 30 s dribble.
        CoinGeckoClient strict = client(settings("http://127.0.0.1:" + server.port() + BASE));
        long start = System.nanoTime();
        assertThatThrownBy(() -> strict.snapshot(List.of("bitcoin"), calls))
                .hasMessageStartingWith("GET /global: timed out after 1000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("three bounded attempts, not the dribble")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(calls).hasSize(3);
    }

    @Test
    void a429WithoutRetryAfterOrWithZeroWaitsTheBackoffAndCountsAsARetry() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        assertThatThrownBy(() -> client.snapshot(List.of("bitcoin"), calls))
                .hasMessage("CoinGecko rate limited GET /global (after 3 attempts)");
        assertThat(calls).as("bounded by the retries, not thousands of requests").hasSize(3);
    }

    @Test
    void malformedJsonIsAClearError() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).willReturn(okJson("{\"data\": {\"total_market_cap\": ")));
        assertThatThrownBy(() -> client.snapshot(List.of("bitcoin"), calls))
                .hasMessageStartingWith("GET /global: malformed JSON");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing total       | {\"data\":{\"total_market_cap\":{\"eur\":1},\"updated_at\":NOW}}          | GET /global: missing field 'data.total_market_cap.usd'",
            "non-numeric total   | {\"data\":{\"total_market_cap\":{\"usd\":\"lots\"},\"updated_at\":NOW}}   | GET /global: field 'data.total_market_cap.usd' is not a number",
            "zero total          | {\"data\":{\"total_market_cap\":{\"usd\":0},\"updated_at\":NOW}}          | GET /global: field 'data.total_market_cap.usd' must be positive, got 0",
            "negative total      | {\"data\":{\"total_market_cap\":{\"usd\":-5.5},\"updated_at\":NOW}}       | GET /global: field 'data.total_market_cap.usd' must be positive, got -5.5",
            "missing updated_at  | {\"data\":{\"total_market_cap\":{\"usd\":3e12}}}                          | GET /global: missing field 'data.updated_at'",
            "missing data        | {\"status\":{\"error_code\":0}}                                          | GET /global: missing field 'data'",
            "stale updated_at    | {\"data\":{\"total_market_cap\":{\"usd\":3e12},\"updated_at\":STALE}}     | GET /global: field 'data.updated_at' is",
            "absurd updated_at   | {\"data\":{\"total_market_cap\":{\"usd\":3e12},\"updated_at\":1e18}}      | GET /global: field 'data.updated_at' is not a Unix time in seconds",
            "401-digit total     | {\"data\":{\"total_market_cap\":{\"usd\":1DIGITS},\"updated_at\":NOW}}    | GET /global: field 'data.total_market_cap.usd' is too large to be a number"})
    void refusesABadGlobalAnswerNamingTheField(String name, String body, String message) {
        String json = body.replace("STALE", Long.toString(now.minus(Duration.ofMinutes(45)).getEpochSecond()))
                .replace("NOW", Long.toString(now.getEpochSecond())).replace("DIGITS", "0".repeat(400));
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).willReturn(okJson(json)));
        assertThatThrownBy(() -> client.snapshot(List.of("bitcoin"), calls))
                .isInstanceOf(MarketDataException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anAbsurdLastUpdatedAtOfACoinIsNamed() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).willReturn(okJson(CoinGeckoStubs.globalBody(3e12, now))));
        server.stubFor(get(urlPathEqualTo(BASE + "/simple/price"))
                .willReturn(okJson("{\"bitcoin\":{\"usd\":70000,\"last_updated_at\":9000000000000000000}}")));
        assertThatThrownBy(() -> client.snapshot(List.of("bitcoin"), calls))
                .isInstanceOf(MarketDataException.class)
                .hasMessage("GET /simple/price: field 'bitcoin.last_updated_at' is not a Unix time in seconds");
    }

    @Test
    void anAnswerThatIsNotHttpIsNamedAsSuch() throws Exception {
        try (java.net.ServerSocket garbled = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!garbled.isClosed()) {
                    try (java.net.Socket s = garbled.accept()) {
                        s.getInputStream().read(new byte[4096]);
                        s.getOutputStream().write("HTTP/1.1 2x0 WHAT\r\nContent-Length: 2\r\n\r\n{}"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        // closed
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            CoinGeckoClient odd = client(settings("http://127.0.0.1:" + garbled.getLocalPort() + BASE));

            assertThatThrownBy(() -> odd.snapshot(List.of("bitcoin"), calls))
                    .isInstanceOf(MarketDataException.class)
                    .hasMessageStartingWith("GET /global: not a readable HTTP answer");
        }
    }

    @Test
    void staleDataSaysHowOldItIs() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global"))
                .willReturn(okJson(CoinGeckoStubs.globalBody(3e12, now.minus(Duration.ofMinutes(45))))));
        assertThatThrownBy(() -> client.snapshot(List.of("bitcoin"), calls))
                .hasMessageEndingWith("45 min old (limit 30 min): stale data");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown coin        | {\"bitcoin\":{\"usd\":62100,\"last_updated_at\":NOW}}                   | GET /simple/price: unknown coin id 'ethereum'",
            "non-numeric price   | {\"bitcoin\":{\"usd\":62100,\"last_updated_at\":NOW},\"ethereum\":{\"usd\":\"NaN\",\"last_updated_at\":NOW}} | GET /simple/price: field 'ethereum.usd' is not a number",
            "missing updated     | {\"bitcoin\":{\"usd\":62100,\"last_updated_at\":NOW},\"ethereum\":{\"usd\":2100}} | GET /simple/price: missing field 'ethereum.last_updated_at'",
            "stale coin          | {\"bitcoin\":{\"usd\":62100,\"last_updated_at\":STALE},\"ethereum\":{\"usd\":2100,\"last_updated_at\":NOW}} | GET /simple/price: field 'bitcoin.last_updated_at' is"})
    void refusesABadPriceAnswerNamingTheCoinAndField(String name, String body, String message) {
        String json = body.replace("STALE", Long.toString(now.minus(Duration.ofHours(2)).getEpochSecond()))
                .replace("NOW", Long.toString(now.getEpochSecond()));
        server.stubFor(get(urlPathEqualTo(BASE + "/simple/price")).willReturn(okJson(json)));
        assertThatThrownBy(() -> client.snapshot(List.of("bitcoin", "ethereum"), calls))
                .isInstanceOf(MarketDataException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void bootstrapsDailyLowsFromTheMarketChart() {
        server.stubFor(get(urlPathEqualTo(BASE + "/coins/bitcoin/market_chart"))
                .withQueryParam("vs_currency", equalTo("usd"))
                .withQueryParam("days", equalTo("365"))
                .withQueryParam("interval", equalTo("daily"))
                .willReturn(okJson(CoinGeckoStubs.fixture("market_chart_bitcoin.json"))));

        List<Map.Entry<LocalDate, Double>> days = List.copyOf(client.dailyHistory("bitcoin", calls).entrySet());

        assertThat(days).hasSize(5);
        assertThat(days.get(0)).isEqualTo(Map.entry(LocalDate.parse("2025-01-01"), 93_429.12));
        assertThat(days.get(2)).as("two points on one day keep the lower")
                .isEqualTo(Map.entry(LocalDate.parse("2025-01-03"), 96_500.00));
        assertThat(calls).extracting(ApiCall::request).containsExactly("GET /coins/bitcoin/market_chart");
    }

    @Test
    void anUnknownCoinInTheBootstrapIsNamed() {
        server.stubFor(get(urlPathEqualTo(BASE + "/coins/bitcoinn/market_chart"))
                .willReturn(aResponse().withStatus(404).withBody("{\"error\":\"coin not found\"}")));
        assertThatThrownBy(() -> client.dailyHistory("bitcoinn", calls))
                .hasMessage("GET /coins/bitcoinn/market_chart: unknown coin id (HTTP 404; check sentinel.coins)");
    }

    @Test
    void aWrongKeyIsNotRetriedAndTheKeyIsNotEchoed() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> client.snapshot(List.of("bitcoin"), calls))
                .hasMessageStartingWith("GET /global: HTTP 401")
                .message().doesNotContain("5ecret");
        assertThat(calls).hasSize(1);
    }

    /** A key rotated in the secret: CoinGecko's refusal of the old one reads it again, and the request is made at once. */
    @Test
    void aRefusedKeyIsReadAgainAndTheRequestMadeOnceMoreWithTheNewOne() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).withHeader("x-cg-demo-api-key", equalTo("CG-old5ecret"))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).withHeader("x-cg-demo-api-key", equalTo("CG-new5ecret"))
                .willReturn(okJson(CoinGeckoStubs.globalBody(3e12, now))));
        CoinGeckoStubs.prices(server, Map.of("bitcoin", 62_100.0), now);
        AtomicReference<String> key = new AtomicReference<>("CG-old5ecret");
        AtomicInteger reads = new AtomicInteger();
        String url = "http://127.0.0.1:" + server.port() + BASE;
        CoinGeckoClient.Settings base = settings(url);
        CoinGeckoClient rotated = client(new CoinGeckoClient.Settings(url, () -> Optional.of(key.get()), base.keyHeader(),
                false, base.timeout(), base.retries(), base.retryBackoff(), base.budget(), base.maxDataAge(), () -> {
                    reads.incrementAndGet();
                    return !key.getAndSet("CG-new5ecret").equals("CG-new5ecret");
                }));

        MarketSnapshot snapshot = rotated.snapshot(List.of("bitcoin"), calls);

        assertThat(snapshot.totalMarketCapUsd()).isEqualTo(3e12);
        assertThat(calls).extracting(ApiCall::status).containsExactly(401, 200, 200);
        assertThat(reads).hasValue(1);

        // The new key refused too: one read and one more try per request, then the refusal stands.
        key.set("CG-old5ecret");
        calls.clear();
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).withHeader("x-cg-demo-api-key", equalTo("CG-new5ecret"))
                .willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> rotated.snapshot(List.of("bitcoin"), calls)).hasMessageStartingWith("GET /global: HTTP 401")
                .message().doesNotContain("5ecret");
        assertThat(calls).extracting(ApiCall::status).containsExactly(401, 401);
        assertThat(reads).hasValue(2);
    }

    @Test
    void anUnreachableServerIsNamedByItsUrl() throws Exception {
        int closedPort = Loopback.freePort();
        String url = "http://127.0.0.1:" + closedPort + "/api/v3";
        CoinGeckoClient offline = client(settings(url));
        assertThatThrownBy(() -> offline.snapshot(List.of("bitcoin"), calls))
                .hasMessage("CoinGecko unreachable at " + url + " (GET /global) (after 3 attempts)");
    }

    @Test
    void withAProKeyTheMarketCapHistoryComesFromTheGlobalChart() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global/market_cap_chart"))
                .withQueryParam("vs_currency", equalTo("usd")).withQueryParam("days", equalTo("8"))
                .willReturn(okJson("{\"market_cap_chart\":{\"market_cap\":[[1769644800000,3014700000000.5],"
                        + "[1769731200000,2990000000000]],\"volume\":[[1769644800000,1.2e11]]}}")));
        CoinGeckoClient pro = client(settings("http://127.0.0.1:" + server.port() + BASE,
                SentinelConfig.KeyType.pro, "CG-pro-key"));

        List<Reading> points = pro.marketCapHistory(8, calls);

        assertThat(pro.paidPlan()).isTrue();
        assertThat(client.paidPlan()).as("the demo key of the test configuration").isFalse();
        assertThat(points).extracting(Reading::time)
                .containsExactly(Instant.parse("2026-01-29T00:00:00Z"), Instant.parse("2026-01-30T00:00:00Z"));
        server.verify(getRequestedFor(urlPathEqualTo(BASE + "/global/market_cap_chart"))
                .withHeader("x-cg-pro-api-key", equalTo("CG-pro-key")));
    }

    @Test
    void anAnswerQuotingTheKeyNeverPutsItIntoTheError() {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("CG-S3cretProKey is not a valid key")));
        CoinGeckoClient pro = client(settings("http://127.0.0.1:" + server.port() + BASE,
                SentinelConfig.KeyType.pro, "CG-S3cretProKey"));

        assertThatThrownBy(() -> pro.snapshot(List.of("bitcoin"), calls))
                .isInstanceOf(MarketDataException.class)
                .hasMessageStartingWith("GET /global: malformed JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3cret"));
    }

    private static CoinGeckoClient.Settings settings(String url) {
        return settings(url, SentinelConfig.KeyType.demo, null);
    }

    private static CoinGeckoClient.Settings settings(String url, SentinelConfig.KeyType type, String key) {
        return new CoinGeckoClient.Settings(url, () -> Optional.ofNullable(key), type.header(), type == SentinelConfig.KeyType.pro,
                Duration.ofSeconds(1), 2, Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofMinutes(30));
    }

    /** A client of its own, on a REST client built as Quarkus builds the injected one (its provider, no exception mapper). */
    private static CoinGeckoClient client(CoinGeckoClient.Settings settings) {
        CoinGeckoApi api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(settings.baseUrl()))
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(new ApiKeyFilter(settings))
                .build(CoinGeckoApi.class);
        return new CoinGeckoClient(settings, TestClock.INSTANCE, d -> { }, api, settings.baseUrl());
    }
}
