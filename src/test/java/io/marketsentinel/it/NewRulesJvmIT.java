package io.marketsentinel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.FakeLambdaRuntime;
import io.marketsentinel.testing.Loopback;
import io.marketsentinel.testing.PackagedFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged function with the rules users ask for configured as a deployment sets them (environment
 * variables): a fast drawdown window and a price level each notify once on a sharp fall, and a price
 * hovering at the level afterwards sends nothing more.
 */
class NewRulesJvmIT {

    private static final Path STATE = Path.of("target/it-rules-state/state.json").toAbsolutePath();
    private static final Path LOG = Path.of("target/it-rules-function.log").toAbsolutePath();
    private static final String SLACK_PATH = "/services/T0R/B0R/rulesS3cret";
    private static WireMockServer coinGecko;
    private static WireMockServer slack;
    private static FakeLambdaRuntime runtime;
    private static Process function;

    @BeforeAll
    static void startFunction() throws Exception {
        Files.deleteIfExists(STATE);
        coinGecko = Loopback.wireMock();
        CoinGeckoStubs.dailyChart(coinGecko, "bitcoin", Instant.now(), 365, 70_000, Map.of(200, 60_000.0));
        slack = Loopback.wireMock();
        slack.stubFor(post(urlPathEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        runtime = new FakeLambdaRuntime();
        Path taskRoot = PackagedFunction.unpackFunction("it-rules-task");
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_COINGECKO_BASE_URL", "http://127.0.0.1:" + coinGecko.port() + CoinGeckoStubs.BASE);
        env.put("SENTINEL_STORE_FILE_PATH", STATE.toString());
        env.put("SENTINEL_NOTIFY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + SLACK_PATH);
        // Instantaneous drops on purpose: the guard is tested at its defaults by GuardedChecksJvmIT.
        env.put("SENTINEL_GUARD_STEP_PERCENT", "1000");
        env.put("SENTINEL_GUARD_MAX_PERCENT", "1000");
        env.put("SENTINEL_RULES_DRAWDOWNS_FAST_WINDOW", "P1D");
        env.put("SENTINEL_RULES_DRAWDOWNS_FAST_PERCENT", "10");
        env.put("SENTINEL_RULES_DRAWDOWNS_FAST_FOR", "PT0S");
        env.put("SENTINEL_RULES_LEVELS", "bitcoin<65000");
        function = PackagedFunction.startPolling(taskRoot, runtime, env, LOG);
    }

    @AfterAll
    static void stop() {
        PackagedFunction.stopAll(function, runtime, coinGecko, slack);
    }

    private static JsonNode scheduled(double totalBillions, double btc) throws Exception {
        return PackagedFunction.scheduled(runtime, coinGecko, LOG, totalBillions, btc);
    }

    private static List<String> headlines(JsonNode report) {
        return report.get("notifications").findValuesAsText("headline");
    }

    @Test
    void aFastWindowAndALevelEachNotifyOnceOnASharpFall() throws Exception {
        scheduled(3000, 70_000);
        scheduled(3000, 70_000);

        JsonNode fall = scheduled(2650, 64_000);

        assertThat(fall.get("notifications").findValuesAsText("rule"))
                .contains("market-drawdown:fast", "price-level").doesNotContain("market-drawdown");
        assertThat(headlines(fall)).contains("Crypto market down $350.0B (\u221211.7%) from its 1-day high",
                "Bitcoin fell below $65,000 (now $64,000.00)");
        int posts = slack.getAllServeEvents().size();
        assertThat(posts).as("each notification posted").isEqualTo(fall.get("notifications").size());

        // Hovering at the level, the fall holding: nothing more to say.
        assertThat(headlines(scheduled(2650, 65_400))).isEmpty();
        assertThat(headlines(scheduled(2650, 64_700))).isEmpty();
        assertThat(slack.getAllServeEvents()).hasSize(posts);
    }
}
