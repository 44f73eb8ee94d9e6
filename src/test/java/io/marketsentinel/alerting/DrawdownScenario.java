package io.marketsentinel.alerting;

import io.marketsentinel.history.History;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.testing.DefaultSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Feeds total-market readings through the real history, rule and ledger, as a check would. */
final class DrawdownScenario {

    static final Instant T0 = Instant.parse("2026-01-29T00:00:00Z");

    private final Evaluator evaluator;
    private final AlertLedger ledger = AlertLedger.empty();
    private History history = History.empty();
    private Instant now = T0;
    final List<Decision> decisions = new ArrayList<>();

    DrawdownScenario(MarketDrawdownRule.Settings settings) {
        this.evaluator = new Evaluator(List.of(new MarketDrawdownRule(settings)), Optional.empty());
    }

    /** One check {@code step} after the previous one, with the total market cap in billions. */
    Decision check(Duration step, double totalBillions) {
        now = now.plus(step);
        history = history.record(now, totalBillions * 1e9, Map.of(), Duration.ofDays(8), DefaultSettings.permissiveGuard()).history();
        Evaluator.Result result = evaluator.evaluate(history, ledger, now, List.of("console"));
        Decision decision = result.decisions().get(0);
        decisions.add(decision);
        return decision;
    }

    List<DecisionKind> kinds() {
        return decisions.stream().map(Decision::kind).toList();
    }

    AlertLedger ledger() {
        return ledger;
    }
}
