package io.marketsentinel.lambda;

import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.HttpEventBuilder.HttpAnswer;
import io.marketsentinel.testing.Scenario;
import io.marketsentinel.testing.SlackStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static io.marketsentinel.testing.HttpEventBuilder.functionUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** Silences over the Function URL, through the mock event server, acting on real scheduled checks. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class SilencesHttpTest {

    private static final String TOKEN = FakeServers.TRIGGER_TOKEN;
    private Scenario world;

    @BeforeEach
    void fresh() throws Exception {
        world = Scenario.fresh();
        world.later(Duration.ofMinutes(5));
    }

    private static HttpAnswer silence(String body) {
        return functionUrl("POST", "/silences").bearer(TOKEN).body(body).send();
    }

    @Test
    void aSilenceMutesTheCoinLowWhileTheDrawdownGoesOutAndItsEndLetsTheStillFiringLowThroughOnce() {
        world.scheduled(3014.7, 70_000);
        HttpAnswer made = silence("{\"rule\": \"coin-low\", \"subject\": \"bitcoin\", \"for\": \"12h\", "
                + "\"comment\": \"known, rebalancing\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String id = made.body().getString("id");
        assertThat(made.body().getString("endsAt")).isEqualTo(world.now().plus(Duration.ofHours(12)).toString());
        FakeServers.slack().resetRequests();

        // Bitcoin at its lowest in 150 days and the market 15 % down: the low is muted, the drop waits its 15 minutes.
        JsonPath first = world.later().scheduled(2562.5, 60_000);
        JsonPath second = world.later().scheduled(2562.5, 60_000);

        assertThat(Scenario.kind(first, "coin-low")).isEqualTo("SILENCED");
        assertThat(first.getString("decisions.find { it.rule == 'coin-low' }.silencedBy")).startsWith(id + " (a NEW muted)");
        assertThat(Scenario.kind(second, "market-drawdown")).isEqualTo("NEW");
        assertThat(Scenario.kind(second, "coin-low")).isEqualTo("SILENCED");
        assertThat(second.getList("notifications.rule")).containsExactly("market-drawdown");
        assertThat(SlackStubs.posts(FakeServers.slack())).as("the drawdown only").isEqualTo(1);
        assertThat(functionUrl("GET", "/silences").bearer(TOKEN).send().body().getList("id")).containsExactly(id);

        HttpAnswer ended = functionUrl("DELETE", "/silences/" + id).bearer(TOKEN).send();
        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        JsonPath afterEnd = world.later().scheduled(2562.5, 60_000);
        JsonPath next = world.later().scheduled(2562.5, 60_000);

        assertThat(Scenario.kind(afterEnd, "coin-low")).as("told once the silence ends").isEqualTo("NEW");
        assertThat(Scenario.kind(next, "coin-low")).as("and only once").isEqualTo("UNCHANGED");
        assertThat(SlackStubs.posts(FakeServers.slack())).isEqualTo(2);
        assertThat(functionUrl("GET", "/silences").bearer(TOKEN).send().body().getString("find { it.id == '" + id + "' }.endsAt"))
                .as("an ended silence is listed for a day, ended").isNotNull();
    }

    @Test
    void everyBadSilenceIsA4xxNamingItsFieldAndStoresNothing() throws Exception {
        world.scheduled(3014.7, 70_000);
        byte[] before = Files.readAllBytes(Scenario.STATE);

        assertRefused(silence("{\"rule\": \"moon\", \"for\": \"1h\"}"), 400, "rule: 'moon' is not a rule (one of market-drawdown, coin-low)");
        assertRefused(silence("{\"rule\": \"coin-low\", \"for\": \"7x\"}"), 400, "for: '7x' is not a duration");
        assertRefused(silence("{\"rule\": \"coin-low\", \"until\": \"2020-01-01T00:00:00Z\"}"), 400,
                "until: '2020-01-01T00:00:00Z' is not in the future");
        assertRefused(silence("{\"rule\": \"coin-low\", \"for\": \"1h\", \"colour\": \"red\"}"), 400,
                "unknown field 'colour' (a silence takes rule, subject, for, until, comment)");
        assertRefused(silence("{\"rule\": \"coin-low\", \"subject\": \"dogecoin\", \"for\": \"1h\"}"), 400,
                "subject: 'dogecoin' is not a watched coin (bitcoin)");
        assertRefused(silence("{\"rule\": \"coin-low\"}"), 400, "for: is required, or until");
        assertRefused(silence("{\"rule\": \"coin-low\", \"for\": 12}"), 400, "for: must be a string");
        assertRefused(silence("not json"), 400, "body is not valid JSON");
        assertRefused(functionUrl("DELETE", "/silences/s-nothere").bearer(TOKEN).send(), 404, "no silence 's-nothere'");
        assertRefused(functionUrl("PUT", "/silences").bearer(TOKEN).send(), 405, "use GET, POST");
        HttpAnswer anonymous = functionUrl("POST", "/silences").body("{\"rule\": \"coin-low\", \"for\": \"1h\"}").send();
        assertThat(anonymous.status()).isEqualTo(401);

        assertThat(Files.readAllBytes(Scenario.STATE)).as("nothing stored").isEqualTo(before);
    }

    @Test
    void theHundredAndFirstActiveSilenceIsA409ThatSaysSo() {
        world.scheduled(3014.7, 70_000);
        for (int i = 0; i < 100; i++) {
            assertThat(silence("{\"rule\": \"market-drawdown\", \"for\": \"" + (i + 1) + "h\"}").status()).isEqualTo(201);
        }
        assertRefused(silence("{\"rule\": \"market-drawdown\", \"for\": \"1h\"}"), 409,
                "100 silences are active already, the most there may be");
        List<Object> listed = functionUrl("GET", "/silences").bearer(TOKEN).send().body().getList("id");
        assertThat(listed).hasSize(100);
    }

    private static void assertRefused(HttpAnswer answer, int status, String message) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.body().getString("message")).contains(message);
    }

}
