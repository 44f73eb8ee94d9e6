package io.marketsentinel.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketPoint;
import io.marketsentinel.market.ApiCall;
import io.marketsentinel.market.CoinGeckoClient;
import io.marketsentinel.market.DailyPrice;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.store.BaselineStore;
import io.marketsentinel.store.VersionConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check, the use case: load, fetch, record, evaluate, decide, save, deliver (see DESIGN). A
 * dry run stops after deciding: nothing stored, nothing sent. A failure before the save stores
 * nothing; losing the version race to another run stores and sends nothing.
 */
@ApplicationScoped
public class MarketCheck {

    private static final Logger LOG = Logger.getLogger(MarketCheck.class);

    private final BaselineStore store;
    private final CoinGeckoClient coinGecko;
    private final NotificationDispatcher dispatcher;
    private final Evaluator evaluator;
    private final SentinelConfig config;
    private final Clock clock;
    private final ReportWriter reports;
    private final Duration marketRetention;

    @Inject
    public MarketCheck(BaselineStore store, CoinGeckoClient coinGecko, NotificationDispatcher dispatcher,
                       SentinelConfig config, Clock clock, ObjectMapper mapper) {
        this.store = store;
        this.coinGecko = coinGecko;
        this.dispatcher = dispatcher;
        this.config = config;
        this.clock = clock;
        this.evaluator = new Evaluator(RuleFactory.fromConfig(config), config.rules().repeatInterval());
        this.reports = new ReportWriter(mapper);
        this.marketRetention = RuleFactory.marketRetention(config);
    }

    public CheckReport run(boolean dryRun) {
        Instant started = clock.instant();
        Timings timings = new Timings();
        SentinelState loaded = store.load();
        timings.lap("load");

        List<ApiCall> calls = new ArrayList<>();
        List<String> coins = config.coins();
        MarketSnapshot snapshot = coinGecko.snapshot(coins, calls);
        History history = loaded.history();
        Map<String, Integer> bootstrapped = new LinkedHashMap<>();
        for (String coin : coins) {
            if (history.coin(coin).isEmpty()) {
                List<DailyPrice> days = coinGecko.dailyHistory(coin, calls);
                history = history.withCoin(coin, seeded(history.coin(coin), days));
                bootstrapped.put(coin, days.size());
            }
        }
        if (history.market().isEmpty() && coinGecko.paidPlan()) {
            // With a paid key, start the drawdown window from CoinGecko's history instead of empty.
            List<MarketPoint> past = new ArrayList<>();
            for (CoinGeckoClient.MarketCapPoint p : coinGecko.marketCapHistory((int) marketRetention.toDays(), calls)) {
                if (p.time().isBefore(snapshot.takenAt().truncatedTo(ChronoUnit.SECONDS))) {
                    past.add(new MarketPoint(p.time(), p.totalMarketCapUsd()));
                }
            }
            history = History.of(history.market().merge(past, marketRetention), history.coins());
            bootstrapped.put("total_market_cap", past.size());
        }
        timings.lap("fetch");

        Instant now = snapshot.takenAt();
        history = history.record(now, snapshot.totalMarketCapUsd(), snapshot.prices(), marketRetention);
        AlertLedger ledger = loaded.ledger();
        Evaluator.Result result = evaluator.evaluate(history, ledger, now, dispatcher.channels());
        timings.lap("evaluate");

        ReportWriter.Draft draft = reports.draft(started, dryRun, snapshot, bootstrapped, result, calls);
        if (dryRun) {
            return draft.finish("dry-run", "dry run: nothing stored, nothing sent", List.of(),
                    NotificationDispatcher.pendingPerChannel(loaded.outbox(), dispatcher.channels()),
                    loaded.outbox().deadLetters(), timings, stateView(loaded));
        }

        SentinelState next = loaded.withHistory(history)
                .withEpisodes(ledger.episodes().values())
                .withOutbox(loaded.outbox().add(result.notifications()));
        // The first save already carries the report as it stands, so that a run that sends
        // nothing (most runs) saves once.
        CheckReport beforeSending = draft.finish("ok", summary(result.notifications(), List.of()), List.of(),
                NotificationDispatcher.pendingPerChannel(next.outbox(), dispatcher.channels()),
                next.outbox().deadLetters(), timings, new CheckReport.StateView(store.describe(),
                        loaded.version() + 1, store.lastSizeBytes()));
        SentinelState saved;
        try {
            saved = store.save(next.withLastRun(now, reports.json(beforeSending)), loaded.version());
        } catch (VersionConflictException e) {
            LOG.warnf("event=check_lost_race expected_version=%d", loaded.version());
            return draft.finish("lost-race", "another run won; nothing stored, nothing sent", List.of(),
                    Map.of(), List.of(), timings, stateView(loaded));
        }
        timings.lap("save");

        NotificationDispatcher.Dispatch dispatch = dispatcher.dispatch(saved.outbox());
        timings.lap("deliver");
        Map<String, Integer> pending = NotificationDispatcher.pendingPerChannel(dispatch.outbox(), dispatcher.channels());
        String message = summary(result.notifications(), dispatch.attempts());
        CheckReport report = draft.finish("ok", message, dispatch.attempts(), pending,
                dispatch.outbox().deadLetters(), timings, stateView(saved));
        if (dispatch.attempts().isEmpty() && dispatch.newlyDead().isEmpty()) {
            return logged(report, result, dispatch, calls);
        }
        try {
            SentinelState last = store.save(saved.withOutbox(dispatch.outbox()).withLastRun(now, reports.json(report)),
                    saved.version());
            timings.lap("save");
            report = draft.finish("ok", message, dispatch.attempts(), pending, dispatch.outbox().deadLetters(),
                    timings, stateView(last));
        } catch (VersionConflictException e) {
            // The notifications were saved in the first write, so the run that won will see them and,
            // where this run's sends were not recorded, send them again: at-least-once, never lost.
            LOG.warnf("event=delivery_marks_lost_race version=%d", saved.version());
            report = draft.finish("ok", message + "; delivery marks not saved (another run saved meanwhile), "
                    + "so a send may repeat", dispatch.attempts(), pending, dispatch.outbox().deadLetters(),
                    timings, stateView(saved));
        }
        return logged(report, result, dispatch, calls);
    }

    private static CheckReport logged(CheckReport report, Evaluator.Result result, NotificationDispatcher.Dispatch dispatch,
                                      List<ApiCall> calls) {
        LOG.infof("event=check_done notifications=%d deliveries=%d api_calls=%d total_ms=%.1f",
                result.notifications().size(), dispatch.attempts().size(), calls.size(),
                report.timingsMs().get("total"));
        return report;
    }

    private static CoinHistory seeded(CoinHistory coin, List<DailyPrice> days) {
        Map<LocalDate, Double> prices = new LinkedHashMap<>();
        days.forEach(d -> prices.put(d.day(), d.priceUsd()));
        return coin.withDaysIfAbsent(prices);
    }

    private CheckReport.StateView stateView(SentinelState state) {
        return new CheckReport.StateView(store.describe(), state.version(), store.lastSizeBytes());
    }

    private static String summary(List<Notification> made, List<DeliveryAttempt> attempts) {
        long failed = attempts.stream().filter(a -> a.outcome() != DeliveryResult.Outcome.DELIVERED).count();
        return made.size() + " new notification(s); " + attempts.size() + " send(s) tried, " + failed + " failed";
    }

    /** Milliseconds per step, to a tenth, measured on the monotonic clock. */
    static final class Timings {
        private final long start = System.nanoTime();
        private long last = start;
        private final Map<String, Long> nanos = new LinkedHashMap<>();

        void lap(String step) {
            long now = System.nanoTime();
            nanos.merge(step, now - last, Long::sum);
            last = now;
        }

        Map<String, Double> snapshot() {
            Map<String, Double> out = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : nanos.entrySet()) {
                out.put(e.getKey(), millis(e.getValue()));
            }
            out.put("total", millis(System.nanoTime() - start));
            return out;
        }

        private static double millis(long nanos) {
            return Math.round(nanos / 100_000.0) / 10.0;
        }
    }
}
