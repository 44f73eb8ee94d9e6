package io.marketsentinel.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh world for one Quarkus test: no stored state, CoinGecko answering with a year of bitcoin
 * history, Slack accepting, an empty mailbox, and the test clock a day further on. Checks run
 * through the mock Lambda event server, as scheduled events.
 */
public final class Scenario {

    public static final Path STATE = Path.of("target/test-state/state.json");

    private Instant now;

    private Scenario() {
    }

    public static Scenario fresh() throws IOException {
        Files.deleteIfExists(STATE);
        FakeServers.coinGecko().resetAll();
        FakeServers.slack().resetAll();
        SlackStubs.accepting(FakeServers.slack());
        try {
            FakeServers.smtp().purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Scenario s = new Scenario();
        s.now = TestClock.INSTANCE.advance(Duration.ofDays(1));
        // 365 days of bitcoin at $70,000, except one day 150 days ago at $50,000.
        CoinGeckoStubs.dailyChart(FakeServers.coinGecko(), "bitcoin", s.now, 365, 70_000, Map.of(150, 50_000.0));
        return s;
    }

    public WireMockServer coinGecko() {
        return FakeServers.coinGecko();
    }

    public Instant now() {
        return now;
    }

    /** Moves the clock on by a scheduler period. */
    public Scenario later() {
        return later(Duration.ofMinutes(15));
    }

    public Scenario later(Duration by) {
        now = TestClock.INSTANCE.advance(by);
        return this;
    }

    /** Sets what CoinGecko answers now: the total (in $B) and bitcoin's price. */
    public Scenario market(double totalBillions, double btc) {
        CoinGeckoStubs.global(FakeServers.coinGecko(), totalBillions * 1e9, now);
        CoinGeckoStubs.prices(FakeServers.coinGecko(), Map.of("bitcoin", btc), now);
        return this;
    }

    /** Runs a scheduled check with the given market and returns its report (the invocation must succeed). */
    public JsonPath scheduled(double totalBillions, double btc) {
        return market(totalBillions, btc).event("scheduled-event.json");
    }

    public JsonPath event(String fixture) {
        Response response = Events.post(Events.fixture(fixture));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    public static String kind(JsonPath report, String rule) {
        return report.getString("decisions.find { it.rule == '" + rule + "' }.kind");
    }
}
