package io.marketsentinel.replay;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.Decision;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Routes;
import io.marketsentinel.alerting.Silences;
import io.marketsentinel.history.History;
import io.marketsentinel.history.ReadingGuard;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.rules.RuleSet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays history through exactly what a live check runs after its fetch: the history's record
 * (with its guard), the rules and the ledger, with an in-memory state and each row's time as the
 * clock. Every notification the ledger makes is taken as sent at that row's time, as a channel that
 * always accepts would take it. So a backtest shows what the function would have sent, when.
 */
public final class Replayer {

    /** What a replay is run with: the rules' settings (the configured ones, or flags' overrides). */
    public record Settings(RuleSet rules, Optional<Duration> repeatInterval, ReadingGuard.Settings guard,
                           Silences silences) {

        public Settings(RuleSet rules, Optional<Duration> repeatInterval, ReadingGuard.Settings guard) {
            this(rules, repeatInterval, guard, Silences.NONE);
        }

        public Settings withSilences(Silences next) {
            return new Settings(rules, repeatInterval, guard, next);
        }

        /** The two rules of the seed only. */
        public Settings(MarketDrawdownRule.Settings drawdown, CoinLowRule.Settings low, Optional<Duration> repeatInterval,
                        ReadingGuard.Settings guard) {
            this(RuleSet.of(drawdown, low), repeatInterval, guard);
        }

        public MarketDrawdownRule.Settings drawdown() {
            return rules.drawdown();
        }

        public CoinLowRule.Settings low() {
            return rules.low();
        }
    }

    /** A notification and the time (the row's) at which the function would have sent it; flat in JSON. */
    public record Sent(Instant time, @JsonUnwrapped Notification notification) {
    }

    /** A restatement the ledger folded into an earlier notification (not sent), at the row's time. */
    public record Folded(Instant time, String rule, String subject, String headline, String foldedInto) {
    }

    /**
     * What a silence muted (not sent), at the row's time: what it would have said, and the silence; listed
     * once while the same thing stays muted (the ledger mutes it again every row).
     */
    public record Silenced(Instant time, String rule, String subject, String headline, String silencedBy) {
    }

    /** Everything a replay produced. */
    public record Result(List<Sent> sent, List<Observation> rows, Instant evaluatedFrom, Settings settings,
                         List<SuspectReading> suspects, List<Folded> folded, List<Silenced> silenced) {

        public Result(List<Sent> sent, List<Observation> rows, Instant evaluatedFrom, Settings settings,
                      List<SuspectReading> suspects) {
            this(sent, rows, evaluatedFrom, settings, suspects, List.of(), List.of());
        }
    }

    /** Told how far a replay has got, every {@link #PROGRESS_EVERY} rows and at the end. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void rowsDone(int done, int total);
    }

    static final int PROGRESS_EVERY = 1000;

    /** The one channel a replay's notifications are addressed to. */
    private static final List<String> REPLAY_CHANNEL = List.of("replay");

    private final Settings settings;

    public Replayer(Settings settings) {
        this.settings = settings;
    }

    /**
     * Replays {@code rows} (in time order). Rows before {@code evaluateFrom} only build history
     * (a warm-up, as the live function's bootstrap does); from it on, every row is a check.
     */
    public Result run(List<Observation> rows, Optional<Instant> evaluateFrom) {
        return run(rows, evaluateFrom, Progress.NONE);
    }

    /** As {@link #run(List, Optional)}, telling {@code progress} how far it has got. */
    public Result run(List<Observation> rows, Optional<Instant> evaluateFrom, Progress progress) {
        List<Sent> sent = new ArrayList<>();
        List<Folded> folded = new ArrayList<>();
        List<Silenced> silenced = new ArrayList<>();
        Map<String, String> mutedAs = new HashMap<>();
        Routes routes = Routes.all(REPLAY_CHANNEL);
        Evaluator evaluator = new Evaluator(settings.rules().rules(), settings.repeatInterval());
        Duration retention = settings.rules().marketRetention();
        Duration coinRetention = settings.rules().coinRetention();
        AlertLedger ledger = AlertLedger.empty();
        History history = History.empty();
        ReadingGuard guard = new ReadingGuard(settings.guard());
        List<SuspectReading> suspects = new ArrayList<>();
        Instant from = evaluateFrom.orElse(Instant.MIN);
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0 && i % PROGRESS_EVERY == 0) {
                progress.rowsDone(i, rows.size());
            }
            Observation row = rows.get(i);
            History.Recorded recorded = history.record(row.time(), row.totalMarketCapUsd(), row.prices(), retention,
                    coinRetention, guard);
            history = recorded.history();
            suspects.addAll(recorded.suspects());
            if (row.time().isBefore(from)) {
                continue;
            }
            for (Decision d : evaluator.evaluate(history, ledger, row.time(), routes, settings.silences()).decisions()) {
                d.notification().ifPresent(n -> sent.add(new Sent(row.time(), n)));
                if (d.kind() == DecisionKind.FOLDED) {
                    folded.add(new Folded(row.time(), d.finding().rule(), d.finding().subject(), d.finding().headline(),
                            d.foldedInto()));
                }
                // Muted again every row while it holds: listed when it starts being muted (or muted as something else).
                String key = d.finding().key();
                if (d.kind() == DecisionKind.SILENCED && !d.silencedBy().equals(mutedAs.get(key))) {
                    silenced.add(new Silenced(row.time(), d.finding().rule(), d.finding().subject(),
                            d.finding().headline(), d.silencedBy()));
                }
                if (d.kind() == DecisionKind.SILENCED) {
                    mutedAs.put(key, d.silencedBy());
                } else {
                    mutedAs.remove(key);
                }
            }
        }
        progress.rowsDone(rows.size(), rows.size());
        Instant evaluated = evaluateFrom.orElse(rows.isEmpty() ? null : rows.get(0).time());
        return new Result(List.copyOf(sent), rows, evaluated, settings, List.copyOf(suspects), List.copyOf(folded),
                List.copyOf(silenced));
    }
}
