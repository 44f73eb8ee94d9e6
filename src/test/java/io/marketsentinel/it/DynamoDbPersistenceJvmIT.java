package io.marketsentinel.it;

import io.marketsentinel.testing.Loopback;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.DynamoDbLocal;
import io.marketsentinel.testing.Events;
import io.marketsentinel.testing.FakeLambdaRuntime;
import io.marketsentinel.testing.PackagedFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged function with {@code sentinel.store.type=dynamodb} and an endpoint override keeps
 * its history and ledger in a DynamoDB Local table across process restarts (cold starts).
 */
class DynamoDbPersistenceJvmIT {

    private static final String TABLE = "market-sentinel-it";
    private static final Path LOG = Path.of("target/it-dynamodb-function.log").toAbsolutePath();
    private static final Path REPORTS = Path.of("target/it-reports").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DynamoDbLocal dynamo;
    private static WireMockServer coinGecko;
    private static FakeLambdaRuntime runtime;
    private static Process function;
    private static int reportCount;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.start();
        dynamo.createTable(TABLE);
        coinGecko = Loopback.wireMock();
        CoinGeckoStubs.dailyChart(coinGecko, "bitcoin", Instant.now(), 365, 70_000, Map.of());
        Files.createDirectories(REPORTS);
    }

    @AfterAll
    static void stop() {
        stopFunction();
        coinGecko.stop();
        dynamo.close();
    }

    private static void startFunction() throws Exception {
        runtime = new FakeLambdaRuntime();
        Path taskRoot = PackagedFunction.unpackFunction("it-dynamodb-task");
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_COINGECKO_BASE_URL", "http://127.0.0.1:" + coinGecko.port() + CoinGeckoStubs.BASE);
        env.put("SENTINEL_RULES_DRAWDOWN_FOR", "PT2S");
        // Instantaneous drops on purpose: the guard is tested at its defaults by GuardedChecksJvmIT.
        env.put("SENTINEL_GUARD_STEP_PERCENT", "1000");
        env.put("SENTINEL_GUARD_MAX_PERCENT", "1000");
        env.putAll(dynamo.functionEnv(TABLE));
        function = PackagedFunction.startPolling(taskRoot, runtime, env, LOG);
    }

    private static void stopFunction() {
        if (function != null) {
            function.destroy();
            function = null;
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static JsonNode scheduled(double totalBillions) throws Exception {
        CoinGeckoStubs.marketInNextSecond(coinGecko, totalBillions * 1e9, Map.of("bitcoin", 70_000.0));
        FakeLambdaRuntime.Result result = runtime.invoke(Events.fixture("scheduled-event.json"), Duration.ofSeconds(30));
        assertThat(result.ok()).as(result.body() + "\n" + PackagedFunction.output(LOG)).isTrue();
        Files.writeString(REPORTS.resolve("dynamodb-" + (++reportCount) + ".json"), result.body());
        return JSON.readTree(result.body());
    }

    private static String drawdown(JsonNode report) {
        for (JsonNode d : report.get("decisions")) {
            if (d.get("rule").asText().equals("market-drawdown")) {
                return d.get("kind").asText();
            }
        }
        return "none";
    }

    @Test
    void historyAndLedgerSurviveAColdStart() throws Exception {
        startFunction();
        JsonNode first = scheduled(3014.7);
        assertThat(first.get("state").get("store").asText()).isEqualTo("DynamoDB table " + TABLE + " item pk=state");
        assertThat(drawdown(scheduled(2562.5))).isEqualTo("PENDING");
        stopFunction();

        Thread.sleep(2_000);
        startFunction();
        JsonNode afterRestart = scheduled(2562.5);
        assertThat(drawdown(afterRestart)).as("the pending drop and the high were remembered").isEqualTo("NEW");
        assertThat(afterRestart.get("apiCallCount").asInt()).as("no second bootstrap").isEqualTo(2);
        assertThat(afterRestart.get("state").get("version").asLong()).as("three runs, the last one saving twice").isEqualTo(4);
        assertThat(drawdown(scheduled(2562.5))).isEqualTo("UNCHANGED");
    }
}
