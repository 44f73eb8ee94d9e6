package io.marketsentinel.replay;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.history.History;
import io.marketsentinel.history.ReadingGuard;
import io.marketsentinel.history.SettableClock;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.notify.Notifier;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays history through exactly what a live check runs after its fetch: the history's record,
 * the rules, the ledger, the outbox and the dispatcher, with an in-memory state, a notifier that
 * records instead of sending, and the clock set to each row's time. So a backtest shows what the
 * function would have sent, when.
 */
public final class Replayer {

    /** What a replay is run with: the rules' settings (the configured ones, or flags' overrides). */
    public record Settings(MarketDrawdownRule.Settings drawdown, CoinLowRule.Settings low,
                           Optional<Duration> repeatInterval, ReadingGuard.Settings guard) {
    }

    /** A notification and the time (the row's) at which the function would have sent it; flat in JSON. */
    public record Sent(Instant time, @JsonUnwrapped Notification notification) {
    }

    /** Everything a replay produced. */
    public record Result(List<Sent> sent, List<Observation> rows, Instant evaluatedFrom, Settings settings,
                         List<SuspectReading> suspects) {
    }

    /** Told how far a replay has got, every {@link #PROGRESS_EVERY} rows and at the end. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void rowsDone(int done, int total);
    }

    static final int PROGRESS_EVERY = 1000;

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
        SettableClock clock = new SettableClock(Instant.EPOCH);
        List<Sent> sent = new ArrayList<>();
        Notifier recorder = new Notifier() {
            @Override
            public String channel() {
                return "replay";
            }

            @Override
            public DeliveryResult deliver(Notification n) {
                sent.add(new Sent(clock.instant(), n));
                return DeliveryResult.delivered("recorded");
            }
        };
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(recorder), Duration.ofDays(1), clock);
        Evaluator evaluator = new Evaluator(List.of(new MarketDrawdownRule(settings.drawdown()),
                new CoinLowRule(settings.low())), settings.repeatInterval());
        Duration retention = settings.drawdown().retention();
        AlertLedger ledger = AlertLedger.empty();
        History history = History.empty();
        Outbox outbox = Outbox.empty();
        ReadingGuard guard = new ReadingGuard(settings.guard());
        List<SuspectReading> suspects = new ArrayList<>();
        Instant from = evaluateFrom.orElse(Instant.MIN);
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0 && i % PROGRESS_EVERY == 0) {
                progress.rowsDone(i, rows.size());
            }
            Observation row = rows.get(i);
            clock.set(row.time());
            History.Recorded recorded = history.record(row.time(), row.totalMarketCapUsd(), row.prices(), retention, guard);
            history = recorded.history();
            suspects.addAll(recorded.suspects());
            if (row.time().isBefore(from)) {
                continue;
            }
            Evaluator.Result result = evaluator.evaluate(history, ledger, row.time(), dispatcher.channels());
            if (!result.notifications().isEmpty() || !outbox.pending().isEmpty()) {
                outbox = dispatcher.dispatch(outbox.add(result.notifications())).outbox();
            }
        }
        progress.rowsDone(rows.size(), rows.size());
        Instant evaluated = evaluateFrom.orElse(rows.isEmpty() ? null : rows.get(0).time());
        return new Result(List.copyOf(sent), rows, evaluated, settings, List.copyOf(suspects));
    }
}
