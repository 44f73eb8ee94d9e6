package io.marketsentinel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.Events;
import io.marketsentinel.testing.FakeLambdaRuntime;
import io.marketsentinel.testing.Loopback;
import io.marketsentinel.testing.PackagedFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged JVM function with the plausibility guard at its defaults, run as Lambda runs it:
 * a spike, a $1 price and a total of 1e-300 send nothing and store nothing wrong; a real low and a
 * sustained drop still alert, once. Readings are a second apart (real clock), so the guard allows
 * 3 % between two of them. Each test continues the state the one before it left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardedChecksJvmIT {

    private static final Path STATE = Path.of("target/it-guard-state/state.json").toAbsolutePath();
    private static final Path LOG = Path.of("target/it-guard-function.log").toAbsolutePath();
    private static final Duration HOLD_FOR = Duration.ofSeconds(2);
    private static final String SLACK_PATH = "/services/T0G/B0G/guardS3cret";
    private static WireMockServer coinGecko;
    private static WireMockServer slack;
    private static FakeLambdaRuntime runtime;
    private static Process function;

    @BeforeAll
    static void startFunction() throws Exception {
        Files.deleteIfExists(STATE);
        coinGecko = Loopback.wireMock();
        // A year of bitcoin at $70,000, except one day 200 days ago at $60,000.
        CoinGeckoStubs.dailyChart(coinGecko, "bitcoin", Instant.now(), 365, 70_000, Map.of(200, 60_000.0));
        slack = Loopback.wireMock();
        slack.stubFor(post(urlPathEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        runtime = new FakeLambdaRuntime();
        Path taskRoot = PackagedFunction.unpackFunction("it-guard-task");
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_COINGECKO_BASE_URL", "http://127.0.0.1:" + coinGecko.port() + CoinGeckoStubs.BASE);
        env.put("SENTINEL_COINGECKO_RETRIES", "0");
        env.put("SENTINEL_STORE_FILE_PATH", STATE.toString());
        env.put("SENTINEL_RULES_DRAWDOWN_FOR", HOLD_FOR.toString());
        env.put("SENTINEL_NOTIFY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + SLACK_PATH);
        function = PackagedFunction.startPolling(taskRoot, runtime, env, LOG);
    }

    @AfterAll
    static void stop() {
        PackagedFunction.stopAll(function, runtime, coinGecko, slack);
    }

    private static FakeLambdaRuntime.Result invoke(double totalBillions, double btc) throws Exception {
        CoinGeckoStubs.marketInNextSecond(coinGecko, totalBillions * 1e9, Map.of("bitcoin", btc));
        return runtime.invoke(Events.fixture("scheduled-event.json"), Duration.ofSeconds(30));
    }

    private static JsonNode scheduled(double totalBillions, double btc) throws Exception {
        return PackagedFunction.scheduled(runtime, coinGecko, LOG, totalBillions, btc);
    }

    private static int slackPosts() {
        return slack.getAllServeEvents().size();
    }

    @Test
    @Order(1)
    void aSteadyMarketIsTakenAsItComes() throws Exception {
        JsonNode first = scheduled(3000, 70_000);
        assertThat(first.get("suspects")).isEmpty();
        assertThat(first.get("notifications")).isEmpty();
        assertThat(scheduled(3000, 70_000).get("suspects")).isEmpty();
    }

    @Test
    @Order(2)
    void aSpikeThenNormalReadingsSendsNothing() throws Exception {
        JsonNode spike = scheduled(6000, 70_000);
        assertThat(spike.at("/suspects/0/status").asText()).isEqualTo("HELD");
        assertThat(spike.at("/suspects/0/reason").asText()).startsWith("+100.0% in");
        for (int i = 0; i < 3; i++) {
            scheduled(3000, 70_000);
        }
        assertThat(slackPosts()).isZero();
    }

    @Test
    @Order(3)
    void aOneDollarPriceSendsNothingAndARealLowTwoHundredDaysDeepAlertsOnce() throws Exception {
        JsonNode dollar = scheduled(3000, 1.0);
        assertThat(dollar.at("/suspects/0/subject").asText()).isEqualTo("bitcoin");
        assertThat(dollar.get("notifications")).isEmpty();
        scheduled(3000, 70_000);
        assertThat(slackPosts()).isZero();

        JsonNode low = scheduled(3000, 69_000);
        String deep = LocalDate.now(ZoneOffset.UTC).minusDays(200).toString();
        assertThat(low.at("/notifications/0/headline").asText()).startsWith("Bitcoin at $69,000.00, lowest since " + deep);
        scheduled(3000, 69_000);
        assertThat(slack.getAllServeEvents().stream().filter(e -> e.getRequest().getBodyAsString().contains("lowest since")))
                .hasSize(1);
    }

    @Test
    @Order(4)
    void aSustainedFifteenPercentDropOverThreeReadingsAlertsOnce() throws Exception {
        int before = slackPosts();
        scheduled(2850, 69_000);
        scheduled(2700, 69_000);
        scheduled(2550, 69_000);
        scheduled(2550, 69_000);
        Thread.sleep(HOLD_FOR.toMillis());
        JsonNode confirmed = scheduled(2550, 69_000);
        scheduled(2550, 69_000);

        assertThat(confirmed.at("/notifications/0/headline").asText()).contains("Crypto market down $450.0B (\u221215.0%)");
        assertThat(slackPosts() - before).as("one drawdown alert").isEqualTo(1);
    }

    @Test
    @Order(5)
    void aTotalNoMarketCouldHaveIsRefusedByNameAndStoresNothing() throws Exception {
        byte[] before = Files.readAllBytes(STATE);
        Thread.sleep(1_000);
        Instant now = Instant.now();
        coinGecko.stubFor(get(urlPathEqualTo(CoinGeckoStubs.BASE + "/global")).willReturn(okJson(
                "{\"data\":{\"total_market_cap\":{\"usd\":1e-300},\"updated_at\":" + now.getEpochSecond() + "}}")));
        FakeLambdaRuntime.Result result = runtime.invoke(Events.fixture("scheduled-event.json"), Duration.ofSeconds(30));
        assertThat(result.ok()).isFalse();
        assertThat(result.body()).contains("GET /global: field 'data.total_market_cap.usd' is 1.0E-300, outside the plausible range");
        assertThat(Files.readAllBytes(STATE)).isEqualTo(before);
        assertThat(scheduled(2550, 69_000).get("outcome").asText()).as("the state still loads").isEqualTo("ok");
    }
}
