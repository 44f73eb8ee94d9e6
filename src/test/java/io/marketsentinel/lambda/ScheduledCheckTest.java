package io.marketsentinel.lambda;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.Events;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The handler end to end: events through the mock event server, CoinGecko on WireMock, the real file store. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class ScheduledCheckTest {

    private static final Path STATE = Path.of("target/test-state/state.json");

    private WireMockServer coinGecko;
    private Instant now;

    @BeforeEach
    void freshState() throws Exception {
        Files.deleteIfExists(STATE);
        coinGecko = FakeServers.coinGecko();
        coinGecko.resetAll();
        now = TestClock.INSTANCE.advance(Duration.ofDays(1));
        // 365 days of bitcoin at $70,000, except one day 150 days ago at $50,000.
        CoinGeckoStubs.dailyChart(coinGecko, "bitcoin", now, 365, 70_000, Map.of(150, 50_000.0));
    }

    private JsonPath run(String event, double totalBillions, double btc) {
        CoinGeckoStubs.global(coinGecko, totalBillions * 1e9, now);
        CoinGeckoStubs.prices(coinGecko, Map.of("bitcoin", btc), now);
        Response response = Events.post(Events.fixture(event));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    private JsonPath scheduled(double totalBillions, double btc) {
        return run("scheduled-event.json", totalBillions, btc);
    }

    private static String kind(JsonPath report, String rule) {
        return report.getString("decisions.find { it.rule == '" + rule + "' }.kind");
    }

    private void later() {
        now = TestClock.INSTANCE.advance(Duration.ofMinutes(15));
    }

    @Test
    void firstRunBootstrapsAndStoresThenSteadyStateUsesTwoCalls() {
        JsonPath first = scheduled(3014.7, 70_000);
        assertThat(first.getString("outcome")).isEqualTo("ok");
        assertThat(first.getInt("bootstrapped.bitcoin")).isEqualTo(365);
        assertThat(first.getList("apiCalls.request")).containsExactly("GET /global", "GET /simple/price",
                "GET /coins/bitcoin/market_chart");
        assertThat(Files.exists(STATE)).isTrue();
        assertThat(first.getLong("state.version")).isEqualTo(2);

        later();
        JsonPath second = scheduled(3010.0, 70_100);
        assertThat(second.getInt("apiCallCount")).isEqualTo(2);
        assertThat(second.getMap("bootstrapped")).isEmpty();
    }

    @Test
    void confirmedDropNotifiesOnceThenQuietThenEscalates() {
        scheduled(3014.7, 70_000);
        later();
        JsonPath pending = scheduled(2562.5, 70_000);
        assertThat(kind(pending, "market-drawdown")).isEqualTo("PENDING");
        assertThat(pending.getList("notifications")).isEmpty();

        later();
        JsonPath confirmed = scheduled(2562.5, 70_000);
        assertThat(kind(confirmed, "market-drawdown")).isEqualTo("NEW");
        assertThat(confirmed.getList("notifications.headline"))
                .containsExactly("Crypto market down $452.2B (\u221215.0%) from its 7-day high");
        assertThat(confirmed.getList("deliveries.channel")).containsExactly("console");
        assertThat(confirmed.getList("deliveries.outcome")).containsExactly("DELIVERED");

        later();
        JsonPath same = scheduled(2562.5, 70_000);
        assertThat(kind(same, "market-drawdown")).isEqualTo("UNCHANGED");
        assertThat(same.getList("notifications")).isEmpty();
        assertThat(same.getList("deliveries")).isEmpty();

        later();
        JsonPath worse = scheduled(2400.0, 70_000);
        assertThat(kind(worse, "market-drawdown")).isEqualTo("ESCALATED");
        assertThat(worse.getString("notifications[0].headline")).contains("(\u221220.4%)");
    }

    @Test
    void reportsLowestSinceForACoinBelowItsLast120Days() {
        JsonPath report = scheduled(3000.0, 60_000);
        String expected = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(150).toString();
        assertThat(kind(report, "coin-low")).isEqualTo("NEW");
        assertThat(report.getString("findings.find { it.rule == 'coin-low' }.facts.lowestSince")).isEqualTo(expected);
        assertThat(report.getString("notifications[0].headline")).contains("lowest since " + expected);
    }

    @Test
    void theSchedulerActionInputRunsACheckToo() {
        assertThat(run("scheduler-check.json", 3000.0, 70_000).getString("outcome")).isEqualTo("ok");
    }

    @Test
    void aBadAnswerFailsTheInvocationAndLeavesTheStateByteForByte() throws Exception {
        scheduled(3014.7, 70_000);
        byte[] before = Files.readAllBytes(STATE);
        later();
        for (String badBody : List.of("{\"data\":{\"total_market_cap\":{\"usd\":-1},\"updated_at\":1}}", "not json")) {
            coinGecko.stubFor(get(urlPathEqualTo(CoinGeckoStubs.BASE + "/global"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(badBody)));
            Response response = Events.post(Events.fixture("scheduled-event.json"));
            assertThat(response.statusCode()).isNotEqualTo(200);
            assertThat(response.asString()).contains("GET /global");
            assertThat(Files.readAllBytes(STATE)).isEqualTo(before);
        }
    }

    @Test
    void anUnknownEventShapeIsRefusedAndRunsNothing() {
        Response response = Events.post(Events.fixture("sqs-event.json"));
        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(response.asString()).contains("unsupported event").contains("Records");
        assertThat(coinGecko.getAllServeEvents()).isEmpty();
        assertThat(Files.exists(STATE)).isFalse();
    }
}
