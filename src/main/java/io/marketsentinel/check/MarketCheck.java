package io.marketsentinel.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.Digest;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.ImplausibleReadingException;
import io.marketsentinel.history.Reading;
import io.marketsentinel.history.ReadingGuard;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.market.ApiCall;
import io.marketsentinel.market.CoinGeckoClient;
import io.marketsentinel.market.MarketDataException;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.Channels;
import io.marketsentinel.notify.ChartSource;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.store.StoreException;
import io.marketsentinel.store.Stored;
import io.marketsentinel.store.VersionConflictException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

/**
 * One check, the use case, as the seven steps of DESIGN: load, fetch, record, evaluate and decide,
 * save, deliver. A dry run stops after deciding: nothing stored, nothing sent. A failure before the
 * save stores nothing; losing the version race to another run stores and sends nothing. It is given
 * its collaborators and settings (by {@code app.Wiring}) and reads no configuration itself.
 */
public class MarketCheck {

    /**
     * What a check runs with besides its collaborators.
     *
     * @param coins           the watched coin ids, in one {@code /simple/price} call
     * @param marketRetention how much run-resolution market history to keep (what the rules need)
     * @param coinRetention   how long each coin's hourly highs are kept (what the coin drawdown needs; zero: none)
     * @param timeout         a run's deadline when the caller gives none ({@code sentinel.run.timeout})
     * @param reserve         kept before the deadline for the last save and the answer ({@code sentinel.run.reserve})
     * @param every           how often the schedule runs a check ({@code sentinel.run.every}): twice this without
     *                        one, the last check is late
     * @param digest          the daily digest, if one is asked for ({@code sentinel.digest.*})
     */
    public record Settings(List<String> coins, Duration marketRetention, Duration coinRetention, Duration timeout,
                           Duration reserve, Duration every, Optional<Digest.Settings> digest) {
        public Settings {
            coins = List.copyOf(coins);
        }
    }

    /** Told of every check that ran to its end (the stack's metrics). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = report -> { };

        void checked(CheckReport report);
    }

    private static final Logger LOG = Logger.getLogger(MarketCheck.class);

    private final StateStore store;
    private final CoinGeckoClient coinGecko;
    private final Channels channels;
    private final Evaluator evaluator;
    private final ReadingGuard guard;
    private final Settings settings;
    private final Listener listener;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Duration marketRetention;
    private final ChartDrawing charts;

    public MarketCheck(StateStore store, CoinGeckoClient coinGecko, NotificationDispatcher dispatcher, Evaluator evaluator,
                       ReadingGuard guard, Settings settings, Listener listener, Clock clock, ObjectMapper mapper) {
        this(store, coinGecko, Channels.fixed(dispatcher), evaluator, guard, settings, listener, ChartDrawing.NONE, clock,
                mapper);
    }

    /** @param channels the channels, rebuilt when their secret changes; each run takes them once */
    public MarketCheck(StateStore store, CoinGeckoClient coinGecko, Channels channels, Evaluator evaluator,
                       ReadingGuard guard, Settings settings, Listener listener, ChartDrawing charts, Clock clock,
                       ObjectMapper mapper) {
        this.charts = charts;
        this.store = store;
        this.coinGecko = coinGecko;
        this.channels = channels;
        this.evaluator = evaluator;
        this.guard = guard;
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.mapper = mapper;
        this.marketRetention = settings.marketRetention();
    }

    /** A check with the default deadline ({@link Settings#timeout()} from now). */
    public CheckReport run(boolean dryRun) {
        return run(dryRun, null);
    }

    /** The state of every alert, read from the store alone (no CoinGecko call): {@code GET /status}, {@code status}. */
    public StatusReport status() {
        try {
            return StatusReport.read(store, channels.current().channels(), clock.instant(), settings.every());
        } catch (StoreException e) {
            throw CheckFailedException.of(e);
        }
    }

    /**
     * A check that finishes, saved, before {@code deadline} (the Lambda invocation's end; {@code null}:
     * {@code sentinel.run.timeout} from now): the fetch and the deliveries stop a reserve before it
     * (kept for the last save and the answer), and what did not fit stays pending for the next run.
     */
    public CheckReport run(boolean dryRun, Instant deadline) {
        try {
            return steps(dryRun, deadline);
        } catch (MarketDataException | StoreException e) {
            throw CheckFailedException.of(e);
        }
    }

    private CheckReport steps(boolean dryRun, Instant deadline) {
        Instant started = clock.instant();
        Run run = new Run(dryRun, started, deadline != null ? deadline : started.plus(settings.timeout()),
                channels.current());
        load(run);
        fetch(run);
        record(run);
        evaluateAndDecide(run);
        if (dryRun) {
            return run.report("dry-run", "dry run: nothing stored, nothing sent", run.loaded.state().outbox(),
                    List.of(), stored(run.loaded));
        }
        if (!save(run)) {
            return run.report("lost-race", "another run won; nothing stored, nothing sent", Outbox.empty(),
                    List.of(), stored(run.loaded));
        }
        deliver(run);
        return saveDeliveries(run);
    }

    /** Step 1: the stored history, ledger and outbox. */
    private void load(Run run) {
        run.loaded = store.load(run.deadline.minus(settings.reserve()));
        run.timings.lap("load");
    }

    /**
     * Step 2: the two readings, plus a coin's daily history once, when it has none. A value no
     * market could have is refused here, naming the field, before anything is stored.
     */
    private void fetch(Run run) {
        Instant fetchBy = run.deadline.minus(settings.reserve());
        run.snapshot = coinGecko.snapshot(settings.coins(), run.calls, fetchBy);
        History history = run.loaded.state().history();
        for (String coin : settings.coins()) {
            if (history.coin(coin).isEmpty()) {
                NavigableMap<LocalDate, Double> days = coinGecko.dailyHistory(coin, run.calls, fetchBy);
                history = history.withCoin(coin, seeded(coin, history.coin(coin), days, run.suspects));
                run.bootstrapped.put(coin, days.size());
            }
        }
        if (history.market().isEmpty() && coinGecko.paidPlan()) {
            // With a paid key, start the drawdown window from CoinGecko's history instead of empty.
            List<Reading> past = new ArrayList<>();
            for (Reading p : coinGecko.marketCapHistory((int) marketRetention.toDays(), run.calls)) {
                if (p.time().isBefore(run.snapshot.takenAt().truncatedTo(ChronoUnit.SECONDS))) {
                    refuseImplausible("GET /global/market_cap_chart",
                            () -> guard.requireSaneTotal("market_cap at " + p.time(), p.value()));
                    past.add(p);
                }
            }
            history = History.of(history.market().merge(past, marketRetention), history.coins());
            run.bootstrapped.put("total_market_cap", past.size());
        }
        run.history = history;
        run.timings.lap("fetch");
    }

    /**
     * Step 3: the readings join the history through the plausibility guard, which judges each reading
     * once: a value no market could have is refused here, naming the request and field, before anything
     * is stored; a doubted one is held aside.
     */
    private void record(Run run) {
        History.Recorded recorded;
        try {
            recorded = run.history.record(run.snapshot.takenAt(), run.snapshot.totalMarketCapUsd(),
                    run.snapshot.prices(), marketRetention, settings.coinRetention(), guard);
        } catch (ImplausibleReadingException e) {
            throw new MarketDataException(e.field().equals(History.TOTAL_FIELD)
                    ? "GET /global: " + e.about("data.total_market_cap.usd")
                    : "GET /simple/price: " + e.getMessage(), true);
        }
        run.history = recorded.history();
        run.suspects.addAll(recorded.suspects());
        for (SuspectReading s : recorded.suspects()) {
            LOG.warnf("event=suspect_reading subject=%s status=%s value=%s reason=\"%s\"",
                    s.subject() == null ? "total_market_cap" : s.subject(), s.status(), s.value(), s.reason());
        }
    }

    private static void refuseImplausible(String request, Runnable check) {
        try {
            check.run();
        } catch (ImplausibleReadingException e) {
            throw new MarketDataException(request + ": " + e.getMessage(), true);
        }
    }

    /** The digest's channels: those named that are configured, or every configured one. */
    private static List<String> digestChannels(Digest.Settings digest, NotificationDispatcher dispatcher) {
        return digest.channels().map(named -> named.stream().filter(dispatcher.channels()::contains).toList())
                .orElse(List.copyOf(dispatcher.channels()));
    }

    /** Steps 4 and 5: every rule's finding and the ledger's decision on it (the same code as replay). */
    private void evaluateAndDecide(Run run) {
        run.ledger = run.loaded.state().ledger();
        run.result = evaluator.evaluate(run.history, run.ledger, run.snapshot.takenAt(), run.dispatcher,
                run.loaded.state().silences());
        run.timings.lap("evaluate");
    }

    /**
     * Step 6: history, ledger and the new notifications (into the outbox) in one conditional save.
     * It carries the report as it stands, so that a run that sends nothing (most runs) saves once.
     *
     * @return false when another run saved first: then this one sends nothing
     */
    private boolean save(Run run) {
        SentinelState loaded = run.loaded.state();
        // This run claims what it will send, in the same conditional save: a run starting meanwhile
        // sends none of it; if this run is killed, the claims lapse at its deadline.
        SentinelState next = loaded.withHistory(run.history)
                .withEpisodes(run.ledger.episodes().values())
                .withSilences(loaded.silences().pruned(clock.instant()))
                .withSuspects(run.suspects, run.snapshot.takenAt());
        Optional<LocalDate> digestDay = settings.digest()
                .flatMap(d -> Digest.due(d, run.snapshot.takenAt(), loaded.lastDigest()));
        if (digestDay.isPresent()) {
            // Made from the state as this run leaves it, and saved with its day: one digest a day, whoever runs.
            run.digest = Optional.of(Digest.make(settings.digest().get(), digestDay.get(), run.snapshot.takenAt(), next,
                    digestChannels(settings.digest().get(), run.dispatcher)));
            next = next.withLastDigest(digestDay.get());
        }
        run.claimed = loaded.outbox().add(run.made()).claim(clock.instant(), run.deadline);
        next = next.withOutbox(run.claimed.outbox());
        CheckReport beforeSending = run.report("ok", summary(run, List.of()), next.outbox(), List.of(),
                new CheckReport.StoredState(store.describe(), loaded.version() + 1, run.loaded.sizeBytes()));
        try {
            run.saved = store.save(next.withLastRun(run.snapshot.takenAt(), json(beforeSending)), loaded.version(),
                    run.deadline);
        } catch (VersionConflictException e) {
            LOG.warnf("event=check_lost_race expected_version=%d", loaded.version());
            return false;
        }
        run.timings.lap("save");
        return true;
    }

    /**
     * Step 7: every channel, independently, from the saved outbox, until a reserve before the deadline. A
     * channel that refused its credentials is tried once more, at once, if its secret has changed since.
     */
    private void deliver(Run run) {
        ChartSource drawn = charts.over(run.history);
        Instant sendBy = run.deadline.minus(settings.reserve());
        run.dispatch = run.dispatcher.dispatch(run.saved.state().outbox(), run.claimed.sends(), sendBy, drawn);
        Set<String> refused = run.dispatch.refusedChannels();
        if (!refused.isEmpty()) {
            Optional<NotificationDispatcher> renewed = channels.afterRefusal(run.dispatcher);
            if (renewed.isPresent()) {
                Outbox after = run.dispatch.outbox();
                Set<String> again = new HashSet<>();
                for (String channel : refused) {
                    after.pendingOn(channel).stream().map(n -> Outbox.send(n.id(), channel))
                            .filter(run.claimed.sends()::contains).forEach(again::add);
                }
                LOG.infof("event=resend_after_secret_change channels=%s sends=%d", String.join(",", refused), again.size());
                run.dispatch = run.dispatch.then(renewed.get().dispatch(after, again, sendBy, drawn));
            }
        }
        run.timings.lap("deliver");
    }

    /** Records what the channels accepted; a run that tried nothing has nothing more to save. */
    private CheckReport saveDeliveries(Run run) {
        NotificationDispatcher.Dispatch dispatch = run.dispatch;
        String message = summary(run, dispatch.attempts());
        CheckReport report = run.report("ok", message, dispatch.outbox(), dispatch.attempts(), stored(run.saved));
        if (dispatch.attempts().isEmpty() && dispatch.newlyDead().isEmpty()) {
            return logged(report);
        }
        Outbox delivered = dispatch.outbox().release(run.claimed.sends());
        SentinelState saved = run.saved.state();
        for (int attempt = 1; ; attempt++) {
            try {
                Stored last = store.save(saved.withOutbox(delivered).withLastRun(run.snapshot.takenAt(), json(report)),
                        saved.version(), run.deadline);
                run.timings.lap("save");
                return logged(run.report("ok", message, dispatch.outbox(), dispatch.attempts(), stored(last)));
            } catch (VersionConflictException e) {
                // Another run saved meanwhile (it sent none of this run's claims). What the channels
                // accepted must not be lost, or it would be sent again: put it on the newer state.
                LOG.warnf("event=delivery_marks_conflict version=%d attempt=%d", saved.version(), attempt);
                if (attempt == 3) {
                    return logged(run.report("ok", message + "; delivery marks not saved (other runs kept saving), "
                            + "so a send may repeat", dispatch.outbox(), dispatch.attempts(), stored(run.saved)));
                }
                saved = store.load(run.deadline).state();
                delivered = withMarks(saved.outbox(), dispatch);
            }
        }
    }

    /** {@code outbox} (a newer state's) with what this run's sends came to. */
    private static Outbox withMarks(Outbox outbox, NotificationDispatcher.Dispatch dispatch) {
        Outbox marked = outbox;
        for (DeliveryAttempt a : dispatch.attempts()) {
            Optional<Notification> theirs = marked.pending().stream()
                    .filter(n -> n.id().equals(a.notificationId())).findFirst();
            ChannelDelivery ours = dispatch.results().get(Outbox.send(a.notificationId(), a.channel()));
            if (theirs.isPresent() && ours != null) {
                marked = marked.update(theirs.get().withChannel(a.channel(), ours));
            }
        }
        return marked;
    }

    private CheckReport logged(CheckReport report) {
        listener.checked(report);
        LOG.infof("event=check_done notifications=%d deliveries=%d api_calls=%d total_ms=%.1f",
                report.notifications().size(), report.deliveries().size(), report.apiCallCount(),
                report.timingsMs().get("total"));
        return report;
    }

    private String json(CheckReport report) {
        try {
            return mapper.writeValueAsString(report.forStorage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report could not be written as JSON", e);
        }
    }

    /** The bootstrap's daily prices, through the same guard as live readings. */
    private CoinHistory seeded(String coinId, CoinHistory coin, NavigableMap<LocalDate, Double> days,
                               List<SuspectReading> suspects) {
        days.forEach((day, price) -> refuseImplausible("GET /coins/" + coinId + "/market_chart",
                () -> guard.requireSanePrice("price on " + day, price)));
        return coin.withDaysIfAbsent(guard.filterDays(coinId, days, suspects));
    }

    private CheckReport.StoredState stored(Stored stored) {
        return new CheckReport.StoredState(store.describe(), stored.state().version(), stored.sizeBytes());
    }

    private static String summary(Run run, List<DeliveryAttempt> attempts) {
        long notStarted = attempts.stream().filter(a -> a.outcome() == DeliveryResult.Outcome.NOT_STARTED).count();
        long tried = attempts.size() - notStarted;
        long failed = attempts.stream().filter(a -> a.outcome() != DeliveryResult.Outcome.DELIVERED).count() - notStarted;
        return run.made().size() + " new notification(s); " + tried + " send(s) tried, " + failed
                + " failed" + (notStarted == 0 ? "" : ", " + notStarted + " not started (left for the next run: "
                + "the delivery budget could not cover them)");
    }

    /** What one run has gathered so far, step by step. */
    private final class Run {
        final boolean dryRun;
        /** The channels as they were when the run began (a changed secret is taken by the next run, or on a refusal). */
        final NotificationDispatcher dispatcher;
        final Instant startedAt;
        final Instant deadline;
        final Timings timings = new Timings();
        final List<ApiCall> calls = new ArrayList<>();
        final Map<String, Integer> bootstrapped = new LinkedHashMap<>();
        final List<SuspectReading> suspects = new ArrayList<>();
        Stored loaded;
        MarketSnapshot snapshot;
        History history;
        AlertLedger ledger;
        Evaluator.Result result;
        Stored saved;
        Outbox.Claimed claimed;
        NotificationDispatcher.Dispatch dispatch;
        Optional<Notification> digest = Optional.empty();

        /** What this run made: the ledger's notifications, and the day's digest when it was due. */
        List<Notification> made() {
            List<Notification> all = new ArrayList<>(result.notifications());
            digest.ifPresent(all::add);
            return all;
        }

        Run(boolean dryRun, Instant startedAt, Instant deadline, NotificationDispatcher dispatcher) {
            this.dispatcher = dispatcher;
            this.dryRun = dryRun;
            this.startedAt = startedAt;
            this.deadline = deadline;
        }

        CheckReport report(String outcome, String message, Outbox outbox, List<DeliveryAttempt> attempts,
                           CheckReport.StoredState state) {
            List<Notification> made = made();
            return new CheckReport(outcome, message, dryRun, startedAt, snapshot, bootstrapped, suspects, result.findings(),
                    result.decisions(), made, attempts,
                    NotificationDispatcher.pendingPerChannel(outbox, dispatcher.channels()), outbox.deadLetters(),
                    List.copyOf(calls), timings.snapshot(), state);
        }
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
