package io.marketsentinel.alerting;

import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import static io.marketsentinel.alerting.DecisionKind.ESCALATED;
import static io.marketsentinel.alerting.DecisionKind.NEW;
import static io.marketsentinel.alerting.DecisionKind.PENDING;
import static io.marketsentinel.alerting.DecisionKind.RESOLVED;
import static io.marketsentinel.alerting.DecisionKind.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;

class DrawdownAlertingTest {

    private static final Duration Q = Duration.ofMinutes(15);
    private static final MarketDrawdownRule.Settings DEFAULTS = DefaultSettings.drawdown();

    /** Each row: the totals (in $B) of consecutive 15-minute checks, and what the ledger must decide each time. */
    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("a 15% drop fires once, after confirmation",
                        List.of(3014.7, 2562.5, 2562.5, 2562.5), List.of(UNCHANGED, PENDING, NEW, UNCHANGED)),
                Arguments.of("a one-reading spike down does not fire",
                        List.of(3014.7, 2500.0, 3000.0, 3000.0), List.of(UNCHANGED, PENDING, UNCHANGED, UNCHANGED)),
                Arguments.of("crossing 20% escalates once, after confirmation, then stays quiet",
                        List.of(3014.7, 2562.5, 2562.5, 2400.0, 2400.0, 2380.0), List.of(UNCHANGED, PENDING, NEW, PENDING, ESCALATED, UNCHANGED)),
                Arguments.of("a single reading at -27% between readings at -20% does not escalate",
                        List.of(3014.7, 2562.5, 2562.5, 2411.0, 2411.0, 2200.0, 2411.0, 2411.0),
                        List.of(UNCHANGED, PENDING, NEW, PENDING, ESCALATED, PENDING, UNCHANGED, UNCHANGED)),
                Arguments.of("a small bounce inside the band does not resolve",
                        List.of(3014.7, 2562.5, 2562.5, 2760.0), List.of(UNCHANGED, PENDING, NEW, UNCHANGED)),
                Arguments.of("recovery below half the threshold resolves",
                        List.of(3014.7, 2562.5, 2562.5, 2850.0), List.of(UNCHANGED, PENDING, NEW, RESOLVED)),
                Arguments.of("ordinary 5% swings never fire",
                        List.of(3000.0, 2850.0, 3000.0, 2860.0, 2990.0), List.of(UNCHANGED, UNCHANGED, UNCHANGED, UNCHANGED, UNCHANGED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void decidesAsAlertmanagerWould(String name, List<Double> totals, List<DecisionKind> expected) {
        DrawdownScenario scenario = new DrawdownScenario(DEFAULTS);
        totals.forEach(total -> scenario.check(Q, total));
        assertThat(scenario.kinds()).isEqualTo(expected);
    }

    @Test
    void newAlertCarriesTheDropInDollarsAndPercentAndTheWindowHigh() {
        DrawdownScenario scenario = new DrawdownScenario(DEFAULTS);
        scenario.check(Q, 3014.7);
        scenario.check(Q, 2562.5);
        Notification n = scenario.check(Q, 2562.5).notification().orElseThrow();
        assertThat(n.kind()).isEqualTo(NEW);
        assertThat(n.headline()).isEqualTo("Crypto market down $452.2B (\u221215.0%) from its 7-day high");
        assertThat(n.text()).contains("$2,562.5B", "$3,014.7B at 2026-01-29 00:15 UTC",
                "Change since the window's start (2026-01-29 00:15 UTC): \u2212$452.2B (\u221215.0%)");
        assertThat(n.facts()).containsEntry("drop", "$452.2B").containsEntry("windowHigh", "$3,014.7B");
        assertThat(n.channels()).containsOnlyKeys("console");
    }

    @Test
    void saysHowMuchHistoryItUsedWhenTheWindowIsNotFull() {
        DrawdownScenario scenario = new DrawdownScenario(DEFAULTS);
        scenario.check(Q, 3014.7);
        Decision d = scenario.check(Q, 2562.5);
        assertThat(d.finding().text()).contains("Based on 15m of history; the window is 7d.");
        assertThat(d.finding().facts()).containsEntry("historyUsed", "15m of 7d");
    }

    @Test
    void zeroForFiresOnTheFirstReading() {
        DrawdownScenario scenario = new DrawdownScenario(new MarketDrawdownRule.Settings(Duration.ofDays(7), 15,
                OptionalDouble.empty(), Duration.ZERO, 5, 0.5, false));
        scenario.check(Q, 3014.7);
        assertThat(scenario.check(Q, 2562.5).kind()).isEqualTo(NEW);
    }

    @Test
    void confirmationAcceptsASlightlyEarlySecondCheck() {
        DrawdownScenario scenario = new DrawdownScenario(DEFAULTS);
        scenario.check(Q, 3014.7);
        scenario.check(Q, 2562.5);
        assertThat(scenario.check(Duration.ofMinutes(14).plusSeconds(30), 2562.5).kind()).isEqualTo(NEW);
    }

    @Test
    void confirmationNeedsMoreThanAQuickRecheck() {
        DrawdownScenario scenario = new DrawdownScenario(DEFAULTS);
        scenario.check(Q, 3014.7);
        scenario.check(Q, 2562.5);
        assertThat(scenario.check(Duration.ofMinutes(2), 2562.5).kind()).isEqualTo(PENDING);
        assertThat(scenario.check(Duration.ofMinutes(13), 2562.5).kind()).isEqualTo(NEW);
    }

    @Test
    void absoluteUsdThresholdFiresBelowThePercentage() {
        DrawdownScenario scenario = new DrawdownScenario(new MarketDrawdownRule.Settings(Duration.ofDays(7), 15,
                OptionalDouble.of(200e9), Duration.ZERO, 5, 0.5, false));
        scenario.check(Q, 3000.0);
        assertThat(scenario.check(Q, 2750.0).kind()).isEqualTo(NEW);
    }

    @Test
    void resolvedIsNotifiedOnlyWhereSendResolvedIsOn() {
        for (boolean sendResolved : new boolean[] {false, true}) {
            DrawdownScenario scenario = new DrawdownScenario(new MarketDrawdownRule.Settings(Duration.ofDays(7), 15,
                    OptionalDouble.empty(), Duration.ZERO, 5, 0.5, sendResolved));
            scenario.check(Q, 3014.7);
            scenario.check(Q, 2562.5);
            Decision resolved = scenario.check(Q, 2900.0);
            assertThat(resolved.kind()).isEqualTo(RESOLVED);
            assertThat(resolved.notification().isPresent()).isEqualTo(sendResolved);
            resolved.notification().ifPresent(n -> assertThat(n.headline()).startsWith("Resolved: "));
            assertThat(scenario.ledger().episodes()).isEmpty();
        }
    }

    @Test
    void anEpisodeAfterResolutionIsNewAgainWithADistinctId() {
        DrawdownScenario scenario = new DrawdownScenario(new MarketDrawdownRule.Settings(Duration.ofDays(7), 15,
                OptionalDouble.empty(), Duration.ZERO, 5, 0.5, false));
        scenario.check(Q, 3014.7);
        String first = scenario.check(Q, 2562.5).notification().orElseThrow().id();
        scenario.check(Q, 2900.0);
        Decision again = scenario.check(Q, 2450.0);
        assertThat(again.kind()).isEqualTo(NEW);
        assertThat(again.notification().orElseThrow().id()).isNotEqualTo(first);
    }

    @Test
    void theHighOutsideTheWindowNoLongerCounts() {
        DrawdownScenario scenario = new DrawdownScenario(new MarketDrawdownRule.Settings(Duration.ofDays(7), 15,
                OptionalDouble.empty(), Duration.ZERO, 5, 0.5, false));
        scenario.check(Q, 3014.7);
        scenario.check(Duration.ofDays(8), 2562.5);
        assertThat(scenario.decisions.get(1).kind()).isEqualTo(UNCHANGED);
        assertThat(scenario.decisions.get(1).finding().breached()).isFalse();
    }
}
