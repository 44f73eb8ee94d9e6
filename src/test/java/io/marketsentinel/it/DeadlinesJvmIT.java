package io.marketsentinel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged JVM function under Lambda's deadline: the Runtime API gives each invocation 30 s
 * (the Lambda-Runtime-Deadline-Ms header), a Slack that dribbles its answer gets its own timeout and no
 * more (its outcome unknown), mail goes out meanwhile, and each alert is accepted exactly once per
 * channel over several runs. And a secret pasted with a trailing space stops the start by its key, unshown.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadlinesJvmIT {

    private static final Path STATE = Path.of("target/it-deadline-state/state.json").toAbsolutePath();
    private static final Path LOG = Path.of("target/it-deadline-function.log").toAbsolutePath();
    private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(30);
    private static final String SLACK_PATH = "/services/T0D/B0D/deadlineS3cret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer coinGecko;
    private static WireMockServer slack;
    private static GreenMail smtp;
    private static FakeLambdaRuntime runtime;
    private static Process function;
    private static Path taskRoot;

    @BeforeAll
    static void startFunction() throws Exception {
        Files.deleteIfExists(STATE);
        coinGecko = Loopback.wireMock();
        CoinGeckoStubs.dailyChart(coinGecko, "bitcoin", Instant.now(), 365, 70_000, Map.of());
        slack = Loopback.wireMock();
        int smtpPort = Loopback.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        runtime = new FakeLambdaRuntime();
        runtime.invocationTimeout(INVOCATION_TIMEOUT);
        taskRoot = PackagedFunction.unpackFunction("it-deadline-task");
        Map<String, String> env = baseEnv(smtpPort);
        function = PackagedFunction.startPolling(taskRoot, runtime, env, LOG);
    }

    private static Map<String, String> baseEnv(int smtpPort) {
        // Instantaneous drops on purpose: the guard is tested at its defaults by GuardedChecksJvmIT.
        Map<String, String> env = PackagedFunction.crashEnv(coinGecko, STATE);
        // A post is bounded by Slack's own timeout, which the run's budget covers (a longer one is refused at start).
        env.put("SENTINEL_NOTIFY_SLACK_TIMEOUT", "PT10S");
        env.put("SENTINEL_NOTIFY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + SLACK_PATH);
        env.put("SENTINEL_NOTIFY_EMAIL_TO", "ops@example.com");
        env.put("SENTINEL_NOTIFY_EMAIL_FROM", "market-sentinel@example.com");
        env.put("SENTINEL_NOTIFY_EMAIL_SMTP_HOST", "127.0.0.1");
        env.put("SENTINEL_NOTIFY_EMAIL_SMTP_PORT", Integer.toString(smtpPort));
        env.put("SENTINEL_NOTIFY_EMAIL_SMTP_SECURITY", "none");
        return env;
    }

    @AfterAll
    static void stop() {
        if (function != null) {
            function.destroy();
        }
        if (runtime != null) {
            runtime.close();
        }
        for (WireMockServer s : new WireMockServer[] {coinGecko, slack}) {
            if (s != null) {
                s.stop();
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** One scheduled run; it must answer before its deadline, as Lambda would otherwise kill it. */
    private static JsonNode scheduled(double totalBillions) throws Exception {
        CoinGeckoStubs.marketInNextSecond(coinGecko, totalBillions * 1e9, Map.of("bitcoin", 70_000.0));
        long start = System.nanoTime();
        FakeLambdaRuntime.Result result = runtime.invoke(Events.fixture("scheduled-event.json"),
                INVOCATION_TIMEOUT.plusSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered before the invocation's deadline")
                .isLessThan(INVOCATION_TIMEOUT);
        assertThat(result.ok()).as(result.body() + "\n" + PackagedFunction.output(LOG)).isTrue();
        return JSON.readTree(result.body());
    }

    @Test
    @Order(1)
    void mailGoesOutWhileSlackDribblesAndTheRunEndsBeforeItsDeadline() throws Exception {
        scheduled(3000);
        // Slack refuses (500), one byte at a time over a minute.
        slack.stubFor(post(urlPathEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(500)
                .withBody("internal_error_internal_error").withChunkedDribbleDelay(30, 60_000)));

        JsonNode report = scheduled(2400);

        assertThat(report.at("/notifications/0/headline").asText()).startsWith("Crypto market down");
        assertThat(smtp.getReceivedMessages()).as("the mail went out while Slack dribbled").hasSize(1);
        assertThat(report.get("deliveries").findValuesAsText("channel")).containsExactlyInAnyOrder("slack", "email");
        assertThat(report.toString()).as("cut by its own timeout, inside the run's budget; it may have been posted")
                .contains("outcome unknown: Slack webhook").contains("did not answer within 10000 ms");
        assertThat(report.at("/pendingPerChannel/slack").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void eachAlertIsAcceptedExactlyOncePerChannelOverTheFollowingRuns() throws Exception {
        slack.resetAll();
        slack.stubFor(post(urlPathEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        JsonNode retried = scheduled(2400);
        assertThat(retried.get("deliveries").findValuesAsText("channel")).containsExactly("slack");
        scheduled(2400);
        scheduled(2400);

        assertThat(slack.getAllServeEvents()).as("Slack accepted the alert once").hasSize(1);
        assertThat(smtp.getReceivedMessages()).as("the mail was not sent again").hasSize(1);
    }

    @Test
    @Order(3)
    void aSecretPastedWithATrailingSpaceStopsTheStartByItsKeyUnshown() throws Exception {
        FakeLambdaRuntime other = new FakeLambdaRuntime();
        Path log = Path.of("target/it-deadline-badsecret.log").toAbsolutePath();
        Map<String, String> env = baseEnv(Loopback.freePort());
        env.put("AWS_LAMBDA_RUNTIME_API", other.address());
        env.put("SENTINEL_NOTIFY_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/pastedS3cretHook ");
        Process bad = PackagedFunction.start(PackagedFunction.launch(taskRoot, Path.of("target/lambda-runtime"), List.of()),
                env, log);
        try {
            String error = null;
            try {
                other.awaitFirstPoll(Duration.ofSeconds(60));
            } catch (IllegalStateException e) {
                error = e.getMessage();
            } catch (Exception e) {
                // No init error posted: the process ended on its own; its log says why.
            }
            bad.waitFor(30, TimeUnit.SECONDS);
            String output = PackagedFunction.output(log) + (error == null ? "" : error);
            assertThat(output).contains("sentinel.notify.slack.webhook-url (SENTINEL_NOTIFY_SLACK_WEBHOOK_URL) has leading "
                    + "or trailing whitespace")
                    .doesNotContain("pastedS3cretHook");
        } finally {
            bad.destroy();
            other.close();
        }
    }
}
