package io.marketsentinel.replay;

import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.rules.MarketDrawdownRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Twenty months of noisy hourly data with glitch rows, replayed at the defaults: glitches never alert, crashes do. */
class SyntheticReplayTest {

    private static Replayer.Result result;

    @BeforeAll
    static void replay() throws Exception {
        HistoryCsv.Parsed csv = HistoryCsv.read(new StringReader(SyntheticMarket.csv()), "synthetic.csv");
        result = new Replayer(ReplayScenarioTest.defaults(csv.coins())).run(csv.rows(), Optional.empty());
    }

    @Test
    void noGlitchRowEverAlerts() {
        for (Instant glitch : SyntheticMarket.GLITCHES.keySet()) {
            assertThat(result.sent()).as("notifications within three hours of the glitch at %s", glitch)
                    .noneMatch(s -> !s.time().isBefore(glitch) && s.time().isBefore(glitch.plus(Duration.ofHours(3))));
        }
        assertThat(result.sent()).noneMatch(s -> s.notification().headline().contains("\u221295"));
    }

    @Test
    void everyGlitchIsReportedAndNoneIsTaken() {
        List<SuspectReading> discarded = result.suspects().stream()
                .filter(s -> s.status() == SuspectReading.Status.DISCARDED).toList();
        for (Instant glitch : SyntheticMarket.GLITCHES.keySet()) {
            // A run of agreeing glitch readings is discarded as one: the last of them, held since the first.
            assertThat(discarded).as("the glitch at %s", glitch)
                    .anyMatch(s -> !glitch.isBefore(s.since()) && !glitch.isAfter(s.time()));
        }
        assertThat(result.suspects()).noneMatch(s -> s.status() == SuspectReading.Status.CONFIRMED
                && SyntheticMarket.GLITCHES.containsKey(s.time()));
    }

    @Test
    void bothRealCrashesAlertWithinADay() {
        assertThat(newDrawdownBetween(SyntheticMarket.AUGUST_CRASH, Duration.ofHours(30))).isTrue();
        assertThat(newDrawdownBetween(SyntheticMarket.FEBRUARY_CRASH, Duration.ofHours(30))).isTrue();
    }

    private static boolean newDrawdownBetween(Instant from, Duration within) {
        return result.sent().stream().anyMatch(s -> s.notification().rule().equals(MarketDrawdownRule.NAME)
                && s.notification().kind() == DecisionKind.NEW
                && !s.time().isBefore(from) && s.time().isBefore(from.plus(within)));
    }
}
