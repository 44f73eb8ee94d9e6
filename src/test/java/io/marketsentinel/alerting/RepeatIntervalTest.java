package io.marketsentinel.alerting;

import io.marketsentinel.history.History;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatIntervalTest {

    @Test
    void repeatsAStillFiringAlertOnlyAfterTheInterval() {
        MarketDrawdownRule rule = new MarketDrawdownRule(new MarketDrawdownRule.Settings(Duration.ofDays(7), 15,
                OptionalDouble.empty(), Duration.ZERO, 5, 0.5, false));
        Evaluator evaluator = new Evaluator(List.of(rule), Optional.of(Duration.ofHours(1)));
        AlertLedger ledger = AlertLedger.empty();
        History history = History.empty();
        Instant t = Instant.parse("2026-02-01T00:00:00Z");
        List<DecisionKind> kinds = new ArrayList<>();
        double[] totals = {3000, 2500, 2500, 2500, 2500, 2500};
        for (double total : totals) {
            t = t.plus(Duration.ofMinutes(20));
            history = history.record(t, total * 1e9, Map.of(), Duration.ofDays(8), DefaultSettings.permissiveGuard()).history();
            kinds.add(evaluator.evaluate(history, ledger, t, List.of("console")).decisions().get(0).kind());
        }
        assertThat(kinds).containsExactly(DecisionKind.UNCHANGED, DecisionKind.NEW, DecisionKind.UNCHANGED,
                DecisionKind.UNCHANGED, DecisionKind.REPEAT, DecisionKind.UNCHANGED);
    }
}
