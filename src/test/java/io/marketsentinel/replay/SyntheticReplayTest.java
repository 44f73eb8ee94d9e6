package io.marketsentinel.replay;

import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.rules.CoinDrawdownRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.rules.PriceLevelRule;
import io.marketsentinel.rules.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** Twenty months of noisy hourly data with glitch rows, replayed at the defaults: glitches never alert, crashes do. */
class SyntheticReplayTest {

    private static Replayer.Result result;

    @BeforeAll
    static void replay() throws Exception {
        HistoryCsv.Parsed csv = HistoryCsv.read(new StringReader(SyntheticMarket.csv()), "synthetic.csv");
        result = new Replayer(ReplayScenarioTest.defaults(csv.coins())).run(csv.rows(), Optional.empty());
    }

    /**
     * Every notification of the twenty months, whole (time, id, kind, headline, text, facts), exactly as the
     * replay made them before its speed-up (words drawn lazily, histories shared): written by the code of
     * then, and kept as a file, so that making it faster cannot change what it says.
     */
    @Test
    void theNotificationsAreWordForWordThoseOfTheReplayBeforeItsSpeedUp() throws Exception {
        String expected;
        try (var in = SyntheticReplayTest.class.getResourceAsStream("synthetic-20-months-notifications.txt")) {
            expected = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<String> lines = result.sent().stream().map(s -> s.time() + " | " + s.notification().id() + " | "
                + s.notification().kind() + " | " + s.notification().headline() + " | " + s.notification().text() + " | "
                + s.notification().facts()).toList();

        assertThat(lines).containsExactlyElementsOf(expected.lines().toList());
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

    /** The same market with the rules users ask for on: a fast window, a coin drawdown, a level under the crash. */
    @Test
    void theNewRulesSpeakOnTheCrashesAndNeverOnAGlitch() throws Exception {
        HistoryCsv.Parsed csv = HistoryCsv.read(new StringReader(SyntheticMarket.csv()), "synthetic.csv");
        Replayer.Settings defaults = ReplayScenarioTest.defaults(csv.coins());
        double lowestBitcoin = csv.rows().stream().filter(r -> r.prices().containsKey("bitcoin")
                && !SyntheticMarket.GLITCHES.containsKey(r.time())).mapToDouble(r -> r.prices().get("bitcoin")).min()
                .orElseThrow();
        RuleSet rules = new RuleSet(defaults.drawdown(), Map.of("fast", new MarketDrawdownRule.Settings(Duration.ofDays(1),
                10, OptionalDouble.empty(), Duration.ofMinutes(15), 5, 0.5, false)), defaults.low(),
                Optional.of(new CoinDrawdownRule.Settings(List.of("bitcoin"), Duration.ofDays(7), 20, Duration.ofMinutes(15),
                        5, 0.5, false)),
                Optional.of(new PriceLevelRule.Settings(List.of(new PriceLevelRule.Level("bitcoin", true,
                        Math.ceil(lowestBitcoin * 1.01))), 2, false)));
        Replayer.Result withNewRules = new Replayer(new Replayer.Settings(rules, Optional.empty(), defaults.guard()))
                .run(csv.rows(), Optional.empty());

        assertThat(withNewRules.sent()).as("the default rules say what they said without the new ones")
                .filteredOn(s -> s.notification().rule().equals("market-drawdown") || s.notification().rule().equals("coin-low"))
                .extracting(s -> s.time() + " " + s.notification().headline())
                .containsExactlyElementsOf(result.sent().stream().map(s -> s.time() + " " + s.notification().headline()).toList());
        assertThat(withNewRules.sent()).extracting(s -> s.notification().rule())
                .contains("market-drawdown:fast", "coin-drawdown", "price-level");
        for (Instant glitch : SyntheticMarket.GLITCHES.keySet()) {
            assertThat(withNewRules.sent()).as("within three hours of the glitch at %s", glitch)
                    .noneMatch(s -> !s.time().isBefore(glitch) && s.time().isBefore(glitch.plus(Duration.ofHours(3))));
        }
        assertThat(withNewRules.sent()).filteredOn(s -> s.notification().rule().equals("price-level"))
                .as("a level crossed once at the market's lowest, not a storm").hasSizeLessThanOrEqualTo(2);
    }
}
