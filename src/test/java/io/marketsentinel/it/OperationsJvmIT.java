package io.marketsentinel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.FakeLambdaRuntime;
import io.marketsentinel.testing.HttpEventBuilder;
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
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged function operated as its users do: its Slack webhook and trigger token in a Secrets Manager
 * secret (a stand-in on loopback speaking its JSON protocol), a daily digest due, a silence made, listed and
 * ended over HTTP, a webhook rotated in the secret while the function runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsJvmIT {

    private static final Path STATE = Path.of("target/it-operations-state/state.json").toAbsolutePath();
    private static final Path LOG = Path.of("target/it-operations-function.log").toAbsolutePath();
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:MarketSentinel-ops";
    private static final String OLD_SLACK = "/services/T0P/B0P/oldOpsS3cret";
    private static final String NEW_SLACK = "/services/T0P/B0P/newOpsS3cret";
    private static final String TOKEN = "opsTriggerT0ken";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer coinGecko;
    private static WireMockServer slack;
    private static WireMockServer secrets;
    private static FakeLambdaRuntime runtime;
    private static Process function;

    @BeforeAll
    static void startFunction() throws Exception {
        Files.deleteIfExists(STATE);
        coinGecko = Loopback.wireMock();
        CoinGeckoStubs.dailyChart(coinGecko, "bitcoin", Instant.now(), 365, 70_000, Map.of());
        slack = Loopback.wireMock();
        slack.stubFor(post(urlPathEqualTo(OLD_SLACK)).willReturn(aResponse().withStatus(200).withBody("ok")));
        slack.stubFor(post(urlPathEqualTo(NEW_SLACK)).willReturn(aResponse().withStatus(200).withBody("ok")));
        secrets = Loopback.wireMock();
        secretHolds(OLD_SLACK);
        runtime = new FakeLambdaRuntime();
        Map<String, String> env = PackagedFunction.crashEnv(coinGecko, STATE);
        env.put("SENTINEL_SECRETS_ARN", ARN);
        env.put("SENTINEL_SECRETS_ENDPOINT", "http://127.0.0.1:" + secrets.port());
        // The SDK's own chains: a region and any credentials (the stand-in checks none).
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        // Due since a minute ago (in UTC, the default zone): the first run sends it.
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        env.put("SENTINEL_DIGEST_AT", now.isBefore(LocalTime.of(0, 1)) ? "00:00"
                : now.minusMinutes(1).truncatedTo(ChronoUnit.MINUTES).toString());
        function = PackagedFunction.startPolling(PackagedFunction.unpackFunction("it-operations-task"), runtime, env, LOG);
    }

    @AfterAll
    static void stop() {
        PackagedFunction.stopAll(function, runtime, coinGecko, slack, secrets);
    }

    private static void secretHolds(String slackPath) {
        secrets.resetAll();
        String document = "{\"sentinel.notify.slack.webhook-url\":\"http://127.0.0.1:" + slack.port() + slackPath
                + "\",\"sentinel.trigger.token\":\"" + TOKEN + "\",\"sentinel.coingecko.api-key\":\"\"}";
        secrets.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(okJson("{\"ARN\":\"" + ARN + "\",\"Name\":\"MarketSentinel\",\"SecretString\":"
                        + JSON.valueToTree(document) + "}")));
    }

    private static JsonNode run(double totalBillions, double btc) throws Exception {
        return PackagedFunction.scheduled(runtime, coinGecko, LOG, totalBillions, btc);
    }

    private static JsonNode http(HttpEventBuilder request) throws Exception {
        FakeLambdaRuntime.Result result = runtime.invoke(request.json(), Duration.ofSeconds(30));
        assertThat(result.ok()).as(result.body() + "\n" + PackagedFunction.output(LOG)).isTrue();
        return JSON.readTree(result.body());
    }

    private static JsonNode body(JsonNode answer) throws Exception {
        return JSON.readTree(answer.path("body").asText());
    }

    private static List<String> posted(String path) {
        return slack.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(path))
                .map(ServeEvent::getRequest).map(r -> r.getBodyAsString()).toList();
    }

    private static String kind(JsonNode report, String rule) {
        for (JsonNode d : report.path("decisions")) {
            if (d.path("rule").asText().equals(rule)) {
                return d.path("kind").asText();
            }
        }
        return "(no decision for " + rule + ")";
    }

    @Test
    @Order(1)
    void theDigestGoesOutOnceAndASilenceByHttpMutesTheLowWhileTheDrawdownGoesOutUntilItIsEnded() throws Exception {
        JsonNode first = run(3000, 70_000);
        assertThat(first.at("/notifications/0/rule").asText()).as("the digest, due since a minute").isEqualTo("digest");
        assertThat(posted(OLD_SLACK)).hasSize(1);
        assertThat(posted(OLD_SLACK).get(0)).contains("Daily digest");

        JsonNode made = http(HttpEventBuilder.functionUrl("POST", "/silences").bearer(TOKEN)
                .body("{\"rule\": \"coin-low\", \"subject\": \"bitcoin\", \"for\": \"12h\", \"comment\": \"known\"}"));
        assertThat(made.path("statusCode").asInt()).as(made.toString()).isEqualTo(201);
        String id = body(made).path("id").asText();
        JsonNode refused = http(HttpEventBuilder.functionUrl("POST", "/silences").bearer(TOKEN)
                .body("{\"rule\": \"coin-low\", \"for\": \"7x\"}"));
        assertThat(refused.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(refused).path("message").asText()).contains("for: '7x' is not a duration");
        assertThat(http(HttpEventBuilder.functionUrl("POST", "/silences")
                .body("{\"rule\": \"coin-low\", \"for\": \"1h\"}")).path("statusCode").asInt()).as("no token").isEqualTo(401);

        JsonNode crash = run(2400, 50_000);
        assertThat(kind(crash, "market-drawdown")).isEqualTo("NEW");
        assertThat(kind(crash, "coin-low")).isEqualTo("SILENCED");
        assertThat(crash.at("/notifications").findValuesAsText("rule")).containsExactly("market-drawdown");
        assertThat(posted(OLD_SLACK)).as("the digest and the drawdown").hasSize(2);

        JsonNode ended = http(HttpEventBuilder.functionUrl("DELETE", "/silences/" + id).bearer(TOKEN));
        assertThat(ended.path("statusCode").asInt()).as(ended.toString()).isEqualTo(200);
        JsonNode afterEnd = run(2400, 50_000);
        JsonNode next = run(2400, 50_000);
        assertThat(kind(afterEnd, "coin-low")).as("told once the silence ends").isEqualTo("NEW");
        assertThat(kind(next, "coin-low")).as("and only once").isEqualTo("UNCHANGED");
        List<String> posts = posted(OLD_SLACK);
        assertThat(posts).hasSize(3);
        assertThat(posts.stream().filter(p -> p.contains("Daily digest"))).as("one digest, however many runs").hasSize(1);
    }

    @Test
    @Order(2)
    void aWebhookRotatedInTheSecretIsUsedAtOnceWhenSlackRefusesTheOldOne() throws Exception {
        // The old webhook is removed in Slack, the new one put in the secret; the function was not restarted.
        slack.stubFor(post(urlPathEqualTo(OLD_SLACK)).willReturn(aResponse().withStatus(404).withBody("no_service")));
        secretHolds(NEW_SLACK);

        JsonNode worse = run(2250, 50_000);

        assertThat(kind(worse, "market-drawdown")).isEqualTo("ESCALATED");
        assertThat(worse.get("deliveries").findValuesAsText("outcome")).as(worse.toString())
                .containsExactly("REFUSED", "DELIVERED");
        assertThat(worse.at("/deliveries/0/detail").asText()).contains("HTTP 404").contains("credentials refused")
                .doesNotContain("S3cret");
        assertThat(posted(NEW_SLACK)).hasSize(1);
        assertThat(posted(NEW_SLACK).get(0)).contains("25.0%");
        assertThat(worse.at("/pendingPerChannel/slack").asInt()).as("nothing owed").isZero();
        assertThat(PackagedFunction.output(LOG)).contains("event=secret_read").contains("changed=sentinel.notify.slack.webhook-url")
                .as("no secret in the function's output").doesNotContain("S3cret").doesNotContain(TOKEN);

        JsonNode after = run(2250, 50_000);
        assertThat(after.get("deliveries")).as("nothing sent twice").isEmpty();
        assertThat(posted(NEW_SLACK)).hasSize(1);
    }
}
