package io.marketsentinel.lambda;

import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.Events;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.Scenario;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The handler end to end: events through the mock event server, CoinGecko on WireMock, the real file store. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class ScheduledCheckTest {

    private Scenario scenario;

    @BeforeEach
    void freshState() throws Exception {
        scenario = Scenario.fresh();
    }

    private JsonPath scheduled(double totalBillions, double btc) {
        return scenario.scheduled(totalBillions, btc);
    }

    private JsonPath run(String event, double totalBillions, double btc) {
        return scenario.market(totalBillions, btc).event(event);
    }

    private static String kind(JsonPath report, String rule) {
        return Scenario.kind(report, rule);
    }

    private void later() {
        scenario.later();
    }

    @Test
    void firstRunBootstrapsAndStoresThenSteadyStateUsesTwoCalls() {
        JsonPath first = scheduled(3014.7, 70_000);
        assertThat(first.getString("outcome")).isEqualTo("ok");
        assertThat(first.getInt("bootstrapped.bitcoin")).isEqualTo(365);
        assertThat(first.getList("apiCalls.request")).containsExactly("GET /global", "GET /simple/price",
                "GET /coins/bitcoin/market_chart");
        assertThat(Files.exists(Scenario.STATE)).isTrue();
        assertThat(first.getLong("state.version")).as("nothing to send: one save").isEqualTo(1);

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
        assertThat(confirmed.getList("deliveries.channel")).containsExactly("slack", "email");
        assertThat(confirmed.getList("deliveries.outcome")).containsExactly("DELIVERED", "DELIVERED");

        later();
        JsonPath same = scheduled(2562.5, 70_000);
        assertThat(kind(same, "market-drawdown")).isEqualTo("UNCHANGED");
        assertThat(same.getList("notifications")).isEmpty();
        assertThat(same.getList("deliveries")).isEmpty();

        later();
        JsonPath worse = scheduled(2400.0, 70_000);
        assertThat(kind(worse, "market-drawdown")).as("a worse level waits for `for` too").isEqualTo("PENDING");
        assertThat(worse.getList("notifications")).isEmpty();

        later();
        JsonPath held = scheduled(2400.0, 70_000);
        assertThat(kind(held, "market-drawdown")).isEqualTo("ESCALATED");
        assertThat(held.getString("notifications[0].headline")).contains("(\u221220.4%)");
    }

    @Test
    void reportsLowestSinceForACoinBelowItsLast120Days() {
        JsonPath report = scheduled(3000.0, 60_000);
        String expected = LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC).minusDays(150).toString();
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
        byte[] before = Files.readAllBytes(Scenario.STATE);
        later();
        for (String badBody : List.of("{\"data\":{\"total_market_cap\":{\"usd\":-1},\"updated_at\":1}}", "not json")) {
            scenario.coinGecko().stubFor(get(urlPathEqualTo(CoinGeckoStubs.BASE + "/global"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(badBody)));
            Response response = Events.post(Events.fixture("scheduled-event.json"));
            assertThat(response.statusCode()).isNotEqualTo(200);
            assertThat(response.asString()).contains("GET /global");
            assertThat(Files.readAllBytes(Scenario.STATE)).isEqualTo(before);
        }
    }

    @Test
    void anUnknownEventShapeIsRefusedAndRunsNothing() {
        Response response = Events.post(Events.fixture("sqs-event.json"));
        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(response.asString()).contains("unsupported event").contains("Records");
        assertThat(scenario.coinGecko().getAllServeEvents()).isEmpty();
        assertThat(Files.exists(Scenario.STATE)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "{\"action\":\"check\",\"dryRun\":false}", "{\"source\":\"aws.events\"}",
            "{\"detail-type\":\"Scheduled Event\"}"})
    void anEventOfNoKnownShapeIsRefusedAndNeverRunsACheck(String event) {
        Response response = Events.post(event);

        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(response.asString()).contains("unsupported event");
        assertThat(scenario.coinGecko().getAllServeEvents()).as("CoinGecko calls").isEmpty();
        assertThat(Files.exists(Scenario.STATE)).isFalse();
    }
}
