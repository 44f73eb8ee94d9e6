package io.marketsentinel.check;

import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.Digest;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.history.Reading;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.Scenario;
import io.marketsentinel.testing.SlackStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily digest: due once a day at or after its time, made by the first run then, and by no other. */
@QuarkusTest
@TestProfile(DigestTest.AtMidnight.class)
@WithTestResource(FakeServers.class)
class DigestTest {

    /** A digest at 00:00 UTC: always past, so the first run of the test's day makes it. */
    public static class AtMidnight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sentinel.digest.at", "00:00");
        }
    }

    private static final Digest.Settings EIGHT_BERLIN = new Digest.Settings(LocalTime.of(8, 0), ZoneId.of("Europe/Berlin"),
            Optional.empty(), Duration.ofDays(7), 15, Duration.ofDays(90));

    @Test
    void dueAtOrAfterItsTimeOnceADayAlsoWhenRunsWereMissedBeforeIt() {
        Instant sevenBerlin = Instant.parse("2026-02-05T06:00:00Z");
        Instant tenBerlin = Instant.parse("2026-02-05T09:00:00Z");

        assertThat(Digest.due(EIGHT_BERLIN, sevenBerlin, null)).isEmpty();
        assertThat(Digest.due(EIGHT_BERLIN, tenBerlin, LocalDate.parse("2026-02-03"))).contains(LocalDate.parse("2026-02-05"));
        assertThat(Digest.due(EIGHT_BERLIN, tenBerlin, LocalDate.parse("2026-02-05"))).as("made already").isEmpty();
    }

    @Test
    void itSaysTheMarketItsDrawdownEachCoinsLowLineTheOpenAlertsAndWhatIsOwed() {
        Instant now = Instant.parse("2026-02-05T09:00:00Z");
        List<Reading> totals = new ArrayList<>();
        for (int h = 7 * 24; h >= 0; h--) {
            totals.add(new Reading(now.minus(Duration.ofHours(h)), h >= 24 ? 3.0e12 : 2.55e12));
        }
        CoinHistory bitcoin = CoinHistory.empty();
        for (int d = 120; d >= 1; d--) {
            bitcoin = bitcoin.observe(now.minus(Duration.ofDays(d)), d == 30 ? 58_000 : 70_000);
        }
        bitcoin = bitcoin.observe(now, 65_000);
        SentinelState state = SentinelState.initial().withHistory(History.of(MarketHistory.of(totals), Map.of("bitcoin", bitcoin)))
                .withEpisodes(new AlertLedger(List.of()).episodes().values());

        Notification digest = Digest.make(EIGHT_BERLIN, LocalDate.parse("2026-02-05"), now, state, List.of("slack", "email"));

        assertThat(digest.id()).isEqualTo("digest/2026-02-05");
        assertThat(digest.channels()).containsOnlyKeys("slack", "email");
        assertThat(digest.headline()).isEqualTo("Daily digest 2026-02-05: crypto market $2,550.0B (\u221215.0% 24 h, \u221215.0% 7 d)");
        assertThat(digest.text()).contains("15.0% below its 7-day high of $3,000.0B (alerts at 15.0%)")
                .contains("Bitcoin $65,000.00 (\u22127.1% since yesterday's low); below $58,000.00 it would be its lowest in 90 days")
                .contains("Open alerts: none").contains("Notifications owed: 0")
                .contains("Suspect readings in the last 24 h: none.");
    }

    /** The guard's doubts of the last day, each once as it ended (held, then discarded), newest first; older ones gone. */
    @Test
    void itListsTheLastDaysSuspectReadingsEachOnceAsItEnded() {
        Instant now = Instant.parse("2026-02-05T09:00:00Z");
        SuspectReading old = new SuspectReading(null, now.minus(Duration.ofHours(30)), 1.0e12, "−66.7% in 15m",
                SuspectReading.Status.DISCARDED, null);
        SuspectReading held = new SuspectReading(null, now.minus(Duration.ofHours(2)), 2.0e12, "−33.3% in 15m",
                SuspectReading.Status.HELD, null);
        SuspectReading price = new SuspectReading("bitcoin", now.minus(Duration.ofHours(1)), 7.0, "−99.9% in 15m",
                SuspectReading.Status.HELD, null);
        SentinelState state = SentinelState.initial()
                .withSuspects(List.of(old), now.minus(Duration.ofHours(30)))
                .withSuspects(List.of(held), now.minus(Duration.ofHours(2)))
                .withSuspects(List.of(new SuspectReading(null, held.time(), held.value(), held.reason(),
                        SuspectReading.Status.DISCARDED, null), price), now);

        assertThat(state.recentSuspects()).as("the one older than a day let go").hasSize(3);
        Notification digest = Digest.make(EIGHT_BERLIN, LocalDate.parse("2026-02-05"), now, state, List.of("slack"));

        assertThat(digest.facts().get("Suspect readings, 24 h")).isEqualTo("2: bitcoin $7.00 at 2026-02-05 08:00 UTC held "
                + "(−99.9% in 15m); total market cap $2,000.0B at 2026-02-05 07:00 UTC discarded (−33.3% in 15m)");
    }

    @Test
    void aScheduledRunAfterTheTimeSendsOneDigestAndTheNextRunsThatDaySendNone() throws Exception {
        Scenario world = Scenario.fresh();
        FakeServers.slack().resetRequests();
        JsonPath first = world.scheduled(3000, 70_000);
        LocalDate firstDay = LocalDate.ofInstant(world.now(), ZoneOffset.UTC);
        JsonPath second = world.later().scheduled(3000, 70_000);
        boolean newDay = !LocalDate.ofInstant(world.now(), ZoneOffset.UTC).equals(firstDay);

        assertThat(first.getList("notifications.rule")).containsExactly("digest");
        assertThat(first.getString("notifications[0].id")).isEqualTo("digest/" + firstDay);
        assertThat(first.getList("deliveries.outcome")).containsExactly("DELIVERED", "DELIVERED");
        assertThat(second.getList("notifications.rule")).as("one a day (unless the run crossed midnight)")
                .hasSize(newDay ? 1 : 0);
        assertThat(SlackStubs.posts(FakeServers.slack())).isEqualTo(newDay ? 2 : 1);
    }
}
