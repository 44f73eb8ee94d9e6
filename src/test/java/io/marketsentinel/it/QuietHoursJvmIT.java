package io.marketsentinel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.FakeLambdaRuntime;
import io.marketsentinel.testing.Loopback;
import io.marketsentinel.testing.PackagedFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged function with Slack in its quiet hours: the alerts wait in the outbox; restarted without the
 * quiet hours, it sends what waited as one "while you were away" message, once.
 */
class QuietHoursJvmIT {

    private static final Path STATE = Path.of("target/it-quiet-state/state.json").toAbsolutePath();
    private static final Path LOG = Path.of("target/it-quiet-function.log").toAbsolutePath();
    private static final String SLACK = "/services/T0Q/B0Q/quietS3cret";
    private WireMockServer coinGecko;
    private WireMockServer slack;
    private FakeLambdaRuntime runtime;
    private Process function;

    @AfterEach
    void stop() {
        PackagedFunction.stopAll(function, runtime, coinGecko, slack);
    }

    private Process start(Map<String, String> extra) throws Exception {
        Map<String, String> env = PackagedFunction.crashEnv(coinGecko, STATE);
        env.putAll(extra);
        env.put("SENTINEL_NOTIFY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + SLACK);
        return PackagedFunction.startPolling(PackagedFunction.unpackFunction("it-quiet-task"), runtime, env, LOG);
    }

    @Test
    void quietHoursHoldTheAlertsAndARestartWithoutThemSendsOneCombinedMessage() throws Exception {
        Files.deleteIfExists(STATE);
        coinGecko = Loopback.wireMock();
        CoinGeckoStubs.dailyChart(coinGecko, "bitcoin", Instant.now(), 365, 70_000, Map.of());
        slack = Loopback.wireMock();
        slack.stubFor(post(urlPathEqualTo(SLACK)).willReturn(aResponse().withStatus(200).withBody("ok")));
        runtime = new FakeLambdaRuntime();
        // From an hour ago to two hours from now, in UTC (the default zone), across midnight when it falls there.
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        function = start(Map.of("SENTINEL_NOTIFY_SLACK_QUIET_HOURS", now.minusHours(1) + "-" + now.plusHours(2)));

        PackagedFunction.scheduled(runtime, coinGecko, LOG, 3000, 70_000);
        JsonNode crash = PackagedFunction.scheduled(runtime, coinGecko, LOG, 2400, 50_000);

        assertThat(crash.get("notifications").findValuesAsText("rule")).containsExactly("market-drawdown", "coin-low");
        assertThat(crash.get("deliveries").findValuesAsText("outcome")).containsExactly("NOT_STARTED");
        assertThat(crash.at("/deliveries/0/detail").asText()).contains("quiet hours").contains("2 waiting");
        assertThat(crash.at("/pendingPerChannel/slack").asInt()).isEqualTo(2);
        assertThat(slack.getAllServeEvents()).as("nothing posted in the quiet hours").isEmpty();

        function.destroy();
        function.waitFor();
        runtime.close();
        runtime = new FakeLambdaRuntime();
        function = start(Map.of());
        JsonNode after = PackagedFunction.scheduled(runtime, coinGecko, LOG, 2400, 50_000);

        assertThat(after.get("deliveries").findValuesAsText("outcome")).containsExactly("DELIVERED", "DELIVERED");
        List<String> posts = slack.findAll(postRequestedFor(urlPathEqualTo(SLACK))).stream()
                .map(r -> r.getBodyAsString()).toList();
        assertThat(posts).as("one message for both").hasSize(1);
        assertThat(posts.get(0)).contains("While you were away: 2 alerts").contains("Crypto market down")
                .contains("Bitcoin at $50,000.00");
        assertThat(after.at("/pendingPerChannel/slack").asInt()).isZero();

        PackagedFunction.scheduled(runtime, coinGecko, LOG, 2400, 50_000);
        assertThat(slack.getAllServeEvents()).as("nothing sent twice").hasSize(1);
        assertThat(PackagedFunction.output(LOG)).doesNotContain("quietS3cret");
    }
}
