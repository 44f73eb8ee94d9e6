package io.marketsentinel.it;

import io.marketsentinel.testing.Loopback;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.Events;
import io.marketsentinel.testing.FakeLambdaRuntime;
import io.marketsentinel.testing.HttpEventBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged JVM function ({@code target/function.zip}) run as Lambda's Java runtime runs it,
 * against a Lambda Runtime API and a CoinGecko-shaped server on loopback, with the real clock.
 * Each test continues the state the one before it left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedFunctionJvmIT {

    private static final Path STATE = Path.of("target/it-state/state.json").toAbsolutePath();
    private static final Path LOG = Path.of("target/it-function.log").toAbsolutePath();
    private static final Duration HOLD_FOR = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SLACK_PATH = "/services/T0IT/B0IT/itS3cretW3bhook";
    private static final String TOKEN = "it-trigger-t0ken";
    private static WireMockServer coinGecko;
    private static WireMockServer slack;
    private static GreenMail smtp;
    private static FakeLambdaRuntime runtime;
    private static Process function;

    @BeforeAll
    static void startFunction() throws Exception {
        Files.deleteIfExists(STATE);
        coinGecko = Loopback.wireMock();
        Instant now = Instant.now();
        // A year of bitcoin at $70,000, except one day 150 days ago at $50,000.
        CoinGeckoStubs.dailyChart(coinGecko, "bitcoin", now, 365, 70_000, Map.of(150, 50_000.0));
        // Slack answers 500 twice, then accepts: the alert must arrive exactly once.
        slack = Loopback.wireMock();
        slack.stubFor(post(urlPathEqualTo(SLACK_PATH)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        slack.stubFor(post(urlPathEqualTo(SLACK_PATH)).inScenario("s").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        slack.stubFor(post(urlPathEqualTo(SLACK_PATH)).inScenario("s").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        int smtpPort = Loopback.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        runtime = new FakeLambdaRuntime();
        Path taskRoot = PackagedFunction.unpackFunction("it-task");
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_COINGECKO_BASE_URL", "http://127.0.0.1:" + coinGecko.port() + CoinGeckoStubs.BASE);
        env.put("SENTINEL_COINGECKO_RETRIES", "0");
        env.put("SENTINEL_STORE_FILE_PATH", STATE.toString());
        env.put("SENTINEL_RULES_DRAWDOWN_FOR", HOLD_FOR.toString());
        // Instantaneous drops on purpose: the guard is tested at its defaults by GuardedChecksJvmIT.
        env.put("SENTINEL_GUARD_STEP_PERCENT", "1000");
        env.put("SENTINEL_GUARD_MAX_PERCENT", "1000");
        env.put("SENTINEL_NOTIFY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + SLACK_PATH);
        env.put("SENTINEL_NOTIFY_EMAIL_TO", "ops@example.com");
        env.put("SENTINEL_NOTIFY_EMAIL_FROM", "market-sentinel@example.com");
        env.put("SENTINEL_NOTIFY_EMAIL_SMTP_HOST", "127.0.0.1");
        env.put("SENTINEL_NOTIFY_EMAIL_SMTP_PORT", Integer.toString(smtpPort));
        env.put("SENTINEL_NOTIFY_EMAIL_SMTP_SECURITY", "none");
        env.put("SENTINEL_TRIGGER_TOKEN", TOKEN);
        env.put("SENTINEL_TRIGGER_MIN_INTERVAL", "PT0.5S");
        function = PackagedFunction.startPolling(taskRoot, runtime, env, LOG);
    }

    @AfterAll
    static void stop() {
        if (function != null) {
            function.destroy();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (coinGecko != null) {
            coinGecko.stop();
        }
        if (slack != null) {
            slack.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static JsonNode scheduled(double totalBillions, double btc) throws Exception {
        CoinGeckoStubs.marketInNextSecond(coinGecko, totalBillions * 1e9, Map.of("bitcoin", btc));
        FakeLambdaRuntime.Result result = runtime.invoke(Events.fixture("scheduled-event.json"), Duration.ofSeconds(30));
        assertThat(result.ok()).as(result.body() + "\n" + PackagedFunction.output(LOG)).isTrue();
        return JSON.readTree(result.body());
    }

    private static String kind(JsonNode report, String rule) {
        for (JsonNode d : report.get("decisions")) {
            if (d.get("rule").asText().equals(rule)) {
                return d.get("kind").asText();
            }
        }
        return "none";
    }

    @Test
    @Order(1)
    void firstRunStoresStateAndFindsTheCoinLow() throws Exception {
        JsonNode report = scheduled(3014.7, 60_000);
        assertThat(report.get("outcome").asText()).isEqualTo("ok");
        assertThat(Files.exists(STATE)).isTrue();
        String expected = LocalDate.now(ZoneOffset.UTC).minusDays(150).toString();
        assertThat(kind(report, "coin-low")).isEqualTo("NEW");
        assertThat(report.get("notifications").get(0).get("headline").asText())
                .isEqualTo("Bitcoin at $60,000.00, lowest since " + expected + " (5 months)");
    }

    @Test
    @Order(2)
    void aConfirmedFifteenPercentDropNotifiesOnce() throws Exception {
        assertThat(kind(scheduled(2562.5, 60_000), "market-drawdown")).isEqualTo("PENDING");
        Thread.sleep(HOLD_FOR.toMillis());
        JsonNode confirmed = scheduled(2562.5, 60_000);
        assertThat(kind(confirmed, "market-drawdown")).isEqualTo("NEW");
    }

    @Test
    @Order(3)
    void theNextIdenticalRunStaysQuietAndTwentyPercentEscalates() throws Exception {
        JsonNode same = scheduled(2562.5, 60_000);
        assertThat(kind(same, "market-drawdown")).isEqualTo("UNCHANGED");
        assertThat(same.get("notifications")).isEmpty();
        assertThat(same.get("apiCallCount").asInt()).isEqualTo(2);
        assertThat(kind(scheduled(2400.0, 60_000), "market-drawdown")).as("a worse level waits for `for`").isEqualTo("PENDING");
        Thread.sleep(HOLD_FOR.toMillis());
        assertThat(kind(scheduled(2400.0, 60_000), "market-drawdown")).isEqualTo("ESCALATED");
        scheduled(2400.0, 60_000);

        List<ServeEvent> accepted = slack.getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == 200).toList();
        String drop = "Crypto market down $452.2B (\u221215.0%) from its 7-day high";
        assertThat(slack.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 500)).hasSize(2);
        assertThat(accepted.stream().filter(e -> e.getRequest().getBodyAsString().contains("lowest since")))
                .as("the first alert (the coin low), refused twice, then accepted exactly once").hasSize(1);
        assertThat(accepted.stream().filter(e -> e.getRequest().getBodyAsString().contains(drop))).hasSize(1);
        assertThat(smtp.getReceivedMessages()).extracting(m -> m.getSubject())
                .containsOnlyOnce(drop).contains("Crypto market down $614.7B (\u221220.4%) from its 7-day high");
        assertThat(PackagedFunction.output(LOG)).contains("event=delivery_failed channel=slack")
                .doesNotContain("itS3cretW3bhook").doesNotContain(TOKEN);
    }

    @Test
    @Order(5)
    void answersFunctionUrlEvents() throws Exception {
        assertThat(http(HttpEventBuilder.functionUrl("POST", "/check")).get("statusCode").asInt()).isEqualTo(401);
        assertThat(http(HttpEventBuilder.functionUrl("POST", "/check").bearer("wrong")).get("statusCode").asInt()).isEqualTo(401);
        // A worse level, pending for `for`: the manual checks below would escalate it.
        assertThat(kind(scheduled(1500.0, 60_000), "market-drawdown")).isEqualTo("PENDING");
        Thread.sleep(HOLD_FOR.toMillis());
        int postsBefore = slack.getAllServeEvents().size();
        scheduledMarket(1500.0);
        JsonNode dry = http(HttpEventBuilder.functionUrl("POST", "/check").query("dryRun=true").bearer(TOKEN));
        assertThat(dry.get("statusCode").asInt()).isEqualTo(200);
        JsonNode report = JSON.readTree(dry.get("body").asText());
        assertThat(report.get("outcome").asText()).isEqualTo("dry-run");
        assertThat(report.get("notifications")).isNotEmpty();
        assertThat(slack.getAllServeEvents()).hasSize(postsBefore);
        assertThat(http(HttpEventBuilder.functionUrl("GET", "/status").bearer(TOKEN)).get("statusCode").asInt()).isEqualTo(200);
        Thread.sleep(600);
        JsonNode real = http(HttpEventBuilder.functionUrl("POST", "/check").bearer(TOKEN));
        assertThat(real.get("statusCode").asInt()).isEqualTo(200);
        assertThat(slack.getAllServeEvents().size()).as("a real manual check notifies").isGreaterThan(postsBefore);
    }

    private static void scheduledMarket(double totalBillions) throws Exception {
        CoinGeckoStubs.marketInNextSecond(coinGecko, totalBillions * 1e9, Map.of("bitcoin", 60_000.0));
    }

    private static JsonNode http(HttpEventBuilder request) throws Exception {
        FakeLambdaRuntime.Result result = runtime.invoke(request.json(), Duration.ofSeconds(30));
        assertThat(result.ok()).as(result.body()).isTrue();
        return JSON.readTree(result.body());
    }

    @Test
    @Order(4)
    void badResponsesFailTheInvocationAndLeaveTheStateByteForByte() throws Exception {
        byte[] before = Files.readAllBytes(STATE);
        for (String bad : List.of("{\"data\":{\"total_market_cap\":{\"usd\":\"NaN\"},\"updated_at\":1}}", "<html>502</html>")) {
            coinGecko.stubFor(get(urlPathEqualTo(CoinGeckoStubs.BASE + "/global"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(bad)));
            FakeLambdaRuntime.Result result = runtime.invoke(Events.fixture("scheduled-event.json"), Duration.ofSeconds(30));
            assertThat(result.ok()).isFalse();
            assertThat(result.body()).contains("GET /global");
            assertThat(Files.readAllBytes(STATE)).isEqualTo(before);
        }
    }
}
