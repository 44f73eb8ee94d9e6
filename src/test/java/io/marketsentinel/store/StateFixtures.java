package io.marketsentinel.store;

import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.history.History;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.testing.DefaultSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** States built by running the real history, rules and ledger, for the store tests. */
public final class StateFixtures {

    private StateFixtures() {
    }

    /**
     * {@code runs} checks 15 minutes apart from {@code start}, with a crash in the middle so the
     * state holds episodes and pending notifications, not just numbers.
     */
    public static SentinelState simulated(Instant start, int runs) {
        Evaluator evaluator = new Evaluator(List.of(
                new MarketDrawdownRule(DefaultSettings.drawdown()),
                new CoinLowRule(DefaultSettings.low(List.of("bitcoin")))), Optional.empty());
        AlertLedger ledger = AlertLedger.empty();
        History history = History.empty();
        Outbox outbox = Outbox.empty();
        Instant t = start;
        for (int i = 0; i < runs; i++) {
            double wave = Math.sin(i / 500.0) * 0.04;
            double crash = i > runs - 200 ? 0.78 : 1.0;
            double total = 3.0e12 * (1 + wave) * crash;
            double btc = 95_000 * (1 + wave * 2) * crash;
            history = history.record(t, total, Map.of("bitcoin", btc), Duration.ofDays(8), DefaultSettings.permissiveGuard()).history();
            outbox = outbox.add(evaluator.evaluate(history, ledger, t, List.of("slack")).notifications());
            t = t.plus(Duration.ofMinutes(15));
        }
        return new SentinelState(0, history, ledger.episodes().values().stream().toList(), outbox, t, null);
    }
}
