package io.marketsentinel.lambda;

import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.HttpEventBuilder;
import io.marketsentinel.testing.HttpEventBuilder.HttpAnswer;
import io.marketsentinel.testing.LogCapture;
import io.marketsentinel.testing.Scenario;
import io.marketsentinel.testing.SlackStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;

import static io.marketsentinel.testing.HttpEventBuilder.functionUrl;
import static io.marketsentinel.testing.HttpEventBuilder.restApi;
import static org.assertj.core.api.Assertions.assertThat;

/** The manual trigger through the mock event server, with Function URL and REST API event JSON. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class HttpTriggerTest {

    private static final String TOKEN = FakeServers.TRIGGER_TOKEN;
    private Scenario world;

    @BeforeEach
    void fresh() throws Exception {
        world = Scenario.fresh();
        // Past any throttle window left by another test.
        world.later(Duration.ofMinutes(5));
    }

    /** Stores a high and then a confirmed-to-be drop, so the next check would notify. */
    private void dropAboutToFire() {
        world.scheduled(3014.7, 70_000);
        world.later().scheduled(2562.5, 70_000);
        world.later().market(2562.5, 70_000);
        FakeServers.slack().resetRequests();
        FakeServers.coinGecko().resetRequests();
    }

    @Test
    void aMissingTokenIs401WithTheBearerChallenge() {
        HttpAnswer answer = functionUrl("POST", "/check").send();
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("www-authenticate")).startsWith("Bearer");
        assertThat(answer.header("content-type")).isEqualTo("application/json");
        assertThat(answer.body().getString("error")).isEqualTo("unauthorized");
        assertThat(FakeServers.coinGecko().getAllServeEvents()).isEmpty();
    }

    @Test
    void aWrongTokenIs401() {
        assertThat(functionUrl("POST", "/check").bearer(TOKEN + "x").send().status()).isEqualTo(401);
        assertThat(functionUrl("GET", "/status").header("authorization", TOKEN).send().status()).isEqualTo(401);
    }

    @Test
    void aDryRunReportsWhatWouldBeSentAndSendsAndStoresNothing() throws Exception {
        dropAboutToFire();
        byte[] before = Files.readAllBytes(Scenario.STATE);

        HttpAnswer answer = functionUrl("POST", "/check").query("dryRun=true").bearer(TOKEN).send();

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().getString("outcome")).isEqualTo("dry-run");
        assertThat(answer.body().getList("notifications.headline"))
                .containsExactly("Crypto market down $452.2B (\u221215.0%) from its 7-day high");
        assertThat(SlackStubs.posts(FakeServers.slack())).isZero();
        assertThat(FakeServers.smtp().getReceivedMessages()).isEmpty();
        assertThat(Files.readAllBytes(Scenario.STATE)).isEqualTo(before);
    }

    @Test
    void aRealCheckNotifiesAsAScheduledRunWould() {
        dropAboutToFire();
        HttpAnswer answer = functionUrl("POST", "/check").bearer(TOKEN).send();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().getString("outcome")).isEqualTo("ok");
        assertThat(answer.body().getList("deliveries.outcome")).containsExactly("DELIVERED", "DELIVERED");
        assertThat(SlackStubs.posts(FakeServers.slack())).isEqualTo(1);
    }

    @Test
    void statusShowsTheLastReportAndEveryAlertWithoutCallingCoinGecko() {
        dropAboutToFire();
        world.scheduled(2562.5, 70_000);
        FakeServers.coinGecko().resetRequests();

        HttpAnswer answer = functionUrl("GET", "/status").bearer(TOKEN).send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().getString("lastReport.outcome")).isEqualTo("ok");
        assertThat(answer.body().getList("alerts.key")).contains("market-drawdown");
        assertThat(answer.body().getString("alerts.find { it.key == 'market-drawdown' }.state")).isEqualTo("firing");
        assertThat(FakeServers.coinGecko().getAllServeEvents()).isEmpty();
    }

    @Test
    void manualChecksAreThrottled() {
        world.market(3000, 70_000);
        assertThat(functionUrl("POST", "/check").query("dryRun=true").bearer(TOKEN).send().status()).isEqualTo(200);
        HttpAnswer throttled = functionUrl("POST", "/check").bearer(TOKEN).send();
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("retry-after")).isEqualTo("60");
        world.later(Duration.ofSeconds(61)).market(3000, 70_000);
        assertThat(functionUrl("POST", "/check").bearer(TOKEN).send().status()).isEqualTo(200);
    }

    @Test
    void aBase64BodyIsDecoded() throws Exception {
        dropAboutToFire();
        HttpAnswer answer = functionUrl("POST", "/check").bearer(TOKEN).base64Body("{\"dryRun\": true}").send();
        assertThat(answer.body().getString("outcome")).isEqualTo("dry-run");
        assertThat(SlackStubs.posts(FakeServers.slack())).isZero();
    }

    @Test
    void unknownRoutesAndMethodsAreRefused() {
        HttpAnswer missing = functionUrl("GET", "/nope").bearer(TOKEN).send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().getString("error")).isEqualTo("not_found");
        HttpAnswer wrongMethod = functionUrl("GET", "/check").bearer(TOKEN).send();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("allow")).isEqualTo("POST");
        assertThat(functionUrl("DELETE", "/status").bearer(TOKEN).send().header("allow")).isEqualTo("GET");
    }

    @Test
    void badRequestsSayWhatWasWrong() {
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).query("dryRun=maybe"), "unknown value 'maybe' for dryRun");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).query("force=true"), "unknown parameter 'force'");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).body("{dryRun: yes"), "body is not valid JSON");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).body("{\"dryRun\": \"yes\"}"), "must be true or false");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).body("x".repeat(5000)), "body too large: 5000 bytes");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).markedBase64("not base64 !!"), "not valid base64");
        assertThat(FakeServers.coinGecko().getAllServeEvents()).isEmpty();
    }

    @Test
    void conflictingOrRepeatedDryRunValuesAreRefusedAndNothingRuns() {
        dropAboutToFire();
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).query("dryRun=true").body("{\"dryRun\": false}"),
                "dryRun is true in the query but false in the body");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).query("dryRun=true&dryRun=false"),
                "dryRun given 2 times in the query");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).body("{\"dryRun\": true, \"dryRun\": false}"),
                "duplicate field");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).body("{\"dryRun\": {\"value\": false}}"),
                "must be true or false");

        assertThat(FakeServers.coinGecko().getAllServeEvents()).as("no check ran").isEmpty();
        assertThat(FakeServers.slack().getAllServeEvents()).as("nothing was sent").isEmpty();
        HttpAnswer agreeing = functionUrl("POST", "/check").bearer(TOKEN).query("dryRun=true").body("{\"dryRun\": true}").send();
        assertThat(agreeing.status()).as("query and body that agree are fine").isEqualTo(200);
        assertThat(agreeing.body().getString("outcome")).isEqualTo("dry-run");
    }

    @Test
    void aFailedManualCheckDoesNotUseUpTheThrottle() {
        CoinGeckoStubs.globalFails(FakeServers.coinGecko(), 401);
        HttpAnswer failed = functionUrl("POST", "/check").bearer(TOKEN).query("dryRun=true").send();
        assertThat(failed.status()).as(failed.raw()).isGreaterThanOrEqualTo(500);

        world.market(3014.7, 70_000);
        HttpAnswer retried = functionUrl("POST", "/check").bearer(TOKEN).query("dryRun=true").send();
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
    }

    @Test
    void anAnonymousRequestCannotWriteALogLine() {
        try (LogCapture logs = LogCapture.start()) {
            functionUrl("GET", "/event=delivery_failed channel=slack\nFORGED event=notification_dead_letter").send();
            functionUrl("POST", "/check?x=1\r\nevent=delivery_failed").bearer("nope").send();

            assertThat(logs.all()).contains("event=http_request_unauthenticated status=401")
                    .doesNotContain("delivery_failed").doesNotContain("dead_letter").doesNotContain("FORGED");
            assertThat(logs.events()).as("the JSON field the alarms filter on").isEmpty();
        }
    }

    @Test
    void anAuthenticatedPathIsQuotedEscapedInTheLog() {
        try (LogCapture logs = LogCapture.start()) {
            functionUrl("GET", "/x\nevent=delivery_failed").bearer(TOKEN).send();

            assertThat(logs.all()).contains("path=\"/x\\u000aevent=delivery_failed\"")
                    .doesNotContain("\nevent=delivery_failed");
        }
    }

    @Test
    void aBodyGivenAsAJsonObjectIsRefusedNeverIgnored() {
        dropAboutToFire();
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).raw("body", "{\"dryRun\": true}"),
                "field 'body' has the wrong type");
        assertThat(FakeServers.coinGecko().getAllServeEvents()).as("no check ran").isEmpty();
        assertThat(FakeServers.slack().getAllServeEvents()).as("nothing was sent").isEmpty();
    }

    @Test
    void dryRunIsTrueOrFalseInTheQueryAsInTheBody() {
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).query("dryRun=1"), "unknown value '1' for dryRun");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).body("{\"dryRun\": 1}"), "must be true or false");
        assertThat(FakeServers.coinGecko().getAllServeEvents()).isEmpty();
    }

    @Test
    void anHttpEventWithAPartMissingOrOfTheWrongTypeIsA400AnswerNotAnInvocationError() {
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).without("requestContext"),
                "without requestContext.http.method or rawPath");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).without("rawPath"),
                "without requestContext.http.method or rawPath");
        assertBadRequest(functionUrl("POST", "/check").bearer(TOKEN).numericMethod(), "has the wrong type");
        assertBadRequest(restApi("POST", "/check").bearer(TOKEN).without("requestContext"),
                "without httpMethod, path or requestContext");
        assertThat(FakeServers.coinGecko().getAllServeEvents()).as("no check ran").isEmpty();
    }

    private static void assertBadRequest(HttpEventBuilder request, String message) {
        HttpAnswer answer = request.send();
        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.body().getString("error")).isEqualTo("bad_request");
        assertThat(answer.body().getString("message")).contains(message);
    }

    @Test
    void aRestApiProxyEventWorksToo() {
        HttpAnswer answer = HttpEventBuilder.restApi("GET", "/status").bearer(TOKEN).send();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().getLong("version")).isZero();
    }

    @Test
    void theTokenNeverAppearsInLogsOrAnswers() {
        try (LogCapture logs = LogCapture.start()) {
            StringBuilder answers = new StringBuilder();
            answers.append(functionUrl("POST", "/check").bearer(TOKEN + "wrong").send().raw());
            answers.append(functionUrl("GET", "/status").bearer(TOKEN).send().raw());
            answers.append(functionUrl("GET", "/x").bearer(TOKEN).send().raw());
            assertThat(answers.toString()).doesNotContain(TOKEN);
            assertThat(logs.all()).contains("event=http_request").doesNotContain(TOKEN);
        }
    }
}
