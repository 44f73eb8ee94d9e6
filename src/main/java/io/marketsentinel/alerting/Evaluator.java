package io.marketsentinel.alerting;

import io.marketsentinel.history.History;
import io.marketsentinel.rules.Finding;
import io.marketsentinel.rules.Rule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Steps 4 and 5 of a check: every rule looks at the history, and the ledger decides what each
 * finding means. The live check and the replay both run exactly this, so a backtest shows what the
 * function would have sent.
 */
public final class Evaluator {

    private final List<Rule> rules;
    private final Optional<Duration> repeatInterval;

    public Evaluator(List<Rule> rules, Optional<Duration> repeatInterval) {
        this.rules = List.copyOf(rules);
        this.repeatInterval = repeatInterval;
    }

    /** The findings and the decisions on them, in rule order; new notifications are in the decisions. */
    public record Result(List<Finding> findings, List<Decision> decisions) {

        public List<Notification> notifications() {
            List<Notification> out = new ArrayList<>();
            decisions.forEach(d -> d.notification().ifPresent(out::add));
            return out;
        }
    }

    /** Evaluates every rule at {@code now}, updating {@code ledger}. */
    public Result evaluate(History history, AlertLedger ledger, Instant now, Collection<String> channels) {
        return evaluate(history, ledger, now, Routes.all(channels));
    }

    /** Evaluates every rule at {@code now}, updating {@code ledger}; notifications go where {@code routes} send them. */
    public Result evaluate(History history, AlertLedger ledger, Instant now, Routes routes) {
        return evaluate(history, ledger, now, routes, Silences.NONE);
    }

    /** As {@link #evaluate(History, AlertLedger, Instant, Routes)}, with {@code silences} muting what they match. */
    public Result evaluate(History history, AlertLedger ledger, Instant now, Routes routes, Silences silences) {
        List<Finding> findings = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        for (Rule rule : rules) {
            for (Finding finding : rule.evaluate(history, now)) {
                findings.add(finding);
                decisions.add(ledger.decide(rule, finding, now, repeatInterval, routes, silences));
            }
        }
        return new Result(findings, decisions);
    }
}
