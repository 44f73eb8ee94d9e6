package io.marketsentinel.notify;

import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.Routes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Sends what the outbox holds, each channel oldest first, and keeps the bookkeeping. Channels are
 * independent: each runs on its own thread, so one that fails or is slow never holds up another. A send
 * is either answered or not started: it starts only when what is left before the deadline covers the
 * channel's {@link Notifier#worstCase()}, and each channel bounds its own send by the deadline; what did
 * not fit stays pending, untouched, and the report says so. A channel that fails retryably (or whose
 * send was cut with its outcome unknown) is not tried again this run, so what follows it keeps its
 * order; a permanent refusal, or a notification older than the dead-letter limit, is given up on loudly.
 */
public final class NotificationDispatcher implements Routes {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    /** The MDC values the stack's alarms match in the JSON log ({@code { $.mdc.event = "..." }}). */
    public static final String DELIVERY_FAILED = "delivery_failed";
    public static final String DEAD_LETTER = "notification_dead_letter";

    /**
     * A channel still sending this long after the deadline has overrun its own worst case (a bug): the
     * run returns without it and records its send as outcome unknown.
     */
    private static final Duration OVERRUN_GRACE = Duration.ofSeconds(1);

    /**
     * Logs with the MDC's {@code event} set: a field only this code writes, so that no text a request
     * carries can match the alarm filters.
     */
    private static void alarmEvent(String event, Runnable log) {
        MDC.put("event", event);
        try {
            log.run();
        } finally {
            MDC.remove("event");
        }
    }

    private final Map<String, Notifier> notifiers;
    private final Map<String, ChannelRoute> routes;
    private final Duration deadLetterAfter;
    private final Clock clock;

    /** Every channel takes every rule. */
    public NotificationDispatcher(List<Notifier> notifiers, Duration deadLetterAfter, Clock clock) {
        this(notifiers, Map.of(), deadLetterAfter, clock);
    }

    /** @param routes what each channel takes, by channel name (a channel not named takes everything) */
    public NotificationDispatcher(List<Notifier> notifiers, Map<String, ChannelRoute> routes, Duration deadLetterAfter,
                                  Clock clock) {
        this.notifiers = new LinkedHashMap<>();
        notifiers.forEach(n -> this.notifiers.put(n.channel(), n));
        this.routes = Map.copyOf(routes);
        this.deadLetterAfter = deadLetterAfter;
        this.clock = clock;
    }

    @Override
    public List<String> channels(String rule, DecisionKind kind, boolean ruleSendsResolved) {
        List<String> to = new ArrayList<>();
        for (String channel : notifiers.keySet()) {
            if (routes.getOrDefault(channel, ChannelRoute.ALL).takes(rule, kind, ruleSendsResolved)) {
                to.add(channel);
            }
        }
        return to;
    }

    /** Primes every channel with {@code sample} (nothing is sent); a channel that cannot prime is only logged. */
    public void prime(Notification sample, URI loopbackStub) {
        for (Notifier notifier : notifiers.values()) {
            try {
                notifier.prime(sample, loopbackStub);
            } catch (RuntimeException e) {
                LOG.warnf("event=prime_skipped channel=%s reason=%s", notifier.channel(), e.getClass().getSimpleName());
            }
        }
    }

    /** Whether any configured channel attaches charts (otherwise none is ever drawn, nor primed). */
    public boolean anyTakesCharts() {
        return notifiers.values().stream().anyMatch(Notifier::takesCharts);
    }

    /** The channels a new notification goes to. */
    public Set<String> channels() {
        return notifiers.keySet();
    }

    /**
     * The outbox after this round of sends, what was tried (and what was not started), and each tried
     * send's new state (keyed by {@link Outbox#send}), to put on a newer state if the save of this one is beaten.
     */
    public record Dispatch(Outbox outbox, List<DeliveryAttempt> attempts, List<Notification> newlyDead,
                           Map<String, ChannelDelivery> results) {

        /** The channels that answered that their credentials are refused. */
        public Set<String> refusedChannels() {
            return attempts.stream().filter(a -> a.outcome() == DeliveryResult.Outcome.REFUSED)
                    .map(DeliveryAttempt::channel).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        /** This round and {@code next}, sent after it from its outbox: every attempt, the outbox as {@code next} left it. */
        public Dispatch then(Dispatch next) {
            List<DeliveryAttempt> all = new ArrayList<>(attempts);
            all.addAll(next.attempts());
            List<Notification> dead = new ArrayList<>(newlyDead);
            dead.addAll(next.newlyDead());
            Map<String, ChannelDelivery> after = new LinkedHashMap<>(results);
            after.putAll(next.results());
            return new Dispatch(next.outbox(), all, dead, after);
        }
    }

    /** Sends everything pending, channel after channel, with no deadline but each channel's own timeout. */
    public Dispatch dispatch(Outbox outbox) {
        return dispatch(outbox, null, null);
    }

    /**
     * Sends what {@code sends} names (this run's claims; {@code null}: everything pending), each channel
     * on its own thread, and returns by {@code deadline}. Without a deadline the channels run one after
     * the other on this thread.
     */
    public Dispatch dispatch(Outbox outbox, Set<String> sends, Instant deadline) {
        return dispatch(outbox, sends, deadline, ChartSource.NONE);
    }

    /** As {@link #dispatch(Outbox, Set, Instant)}, with a chart from {@code charts} where a channel takes one. */
    public Dispatch dispatch(Outbox outbox, Set<String> sends, Instant deadline, ChartSource charts) {
        Map<String, Drawn> drawn = drawCharts(outbox, sends, charts);
        List<ChannelRun> runs = new ArrayList<>();
        for (Notifier notifier : notifiers.values()) {
            runs.add(new ChannelRun(notifier, outbox, sends, deadline, notifier.takesCharts() ? drawn : Map.of()));
        }
        boolean nothingToSend = sends != null && sends.isEmpty();
        List<List<ChannelRun.Sent>> done = new ArrayList<>();
        if (deadline == null) {
            runs.forEach(ChannelRun::run);
            runs.forEach(run -> done.add(run.finish()));
        } else if (!nothingToSend) {
            done.addAll(runAll(runs, deadline));
        }
        // Nothing claimed (most runs): no threads were needed, and nothing was tried.
        List<DeliveryAttempt> attempts = new ArrayList<>();
        Map<String, ChannelDelivery> results = new LinkedHashMap<>();
        Outbox current = outbox;
        for (List<ChannelRun.Sent> channel : done) {
            for (ChannelRun.Sent sent : channel) {
                if (sent.attempt() != null) {
                    attempts.add(sent.attempt());
                }
                if (sent.after() != null) {
                    String id = sent.notificationId();
                    results.put(Outbox.send(id, sent.channel()), sent.after());
                    current = current.update(findPending(current, id).withChannel(sent.channel(), sent.after()));
                }
            }
        }
        Set<String> deadBefore = outbox.deadLetters().stream().map(Notification::id).collect(Collectors.toSet());
        // Quiet hours are not held against a notification: it waited because it was asked to.
        current = current.expire(clock.instant(), deadLetterAfter, (channel, from, to) -> routes
                .getOrDefault(channel, ChannelRoute.ALL).quiet().map(q -> q.overlap(from, to)).orElse(Duration.ZERO));
        List<Notification> newlyDead = new ArrayList<>();
        for (Notification dead : current.deadLetters()) {
            if (!deadBefore.contains(dead.id())) {
                newlyDead.add(dead);
                alarmEvent(DEAD_LETTER, () -> LOG.errorf("event=notification_dead_letter notification=%s channels=%s headline=\"%s\"",
                        dead.id(), deadChannels(dead), dead.headline()));
            }
        }
        return new Dispatch(current, attempts, newlyDead, results);
    }

    private boolean quietNow(String channel) {
        return routes.getOrDefault(channel, ChannelRoute.ALL).quiet().filter(q -> q.contains(clock.instant())).isPresent();
    }

    /** A notification's chart, or why there is none ({@code chart} null and {@code note} null: it has none). */
    private record Drawn(Chart chart, String note) {
    }

    /**
     * Each chart drawn once, before any channel starts, for the notifications a chart-taking channel is to
     * send: several channels share it, and no send waits on another's drawing. A chart that cannot be drawn,
     * whatever the reason (no fonts in the runtime included), leaves the text to go alone.
     */
    private Map<String, Drawn> drawCharts(Outbox outbox, Set<String> sends, ChartSource charts) {
        Map<String, Drawn> drawn = new LinkedHashMap<>();
        if (charts == ChartSource.NONE) {
            return drawn;
        }
        for (Notifier notifier : notifiers.values()) {
            if (!notifier.takesCharts() || quietNow(notifier.channel())) {
                continue; // a channel in its quiet hours sends nothing this run: nothing to draw for it
            }
            for (Notification n : outbox.pendingOn(notifier.channel())) {
                if ((sends == null || sends.contains(Outbox.send(n.id(), notifier.channel()))) && !drawn.containsKey(n.id())) {
                    drawn.put(n.id(), draw(charts, n));
                }
            }
        }
        return drawn;
    }

    @SuppressWarnings("java:S1181") // any failure to draw, an Error from AWT included, must leave the text to go alone
    private static Drawn draw(ChartSource charts, Notification n) {
        try {
            return charts.chartFor(n).map(chart -> new Drawn(chart, chart.describe())).orElse(new Drawn(null, null));
        } catch (Throwable e) {
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            LOG.warnf("event=chart_not_drawn notification=%s reason=\"%s\"", n.id(), reason);
            return new Drawn(null, "not drawn (" + reason + "): text only");
        }
    }

    /**
     * Each channel on its own thread; they end by themselves, as each send is bounded by the deadline.
     * What each did is settled before any is interrupted, so a channel past its worst case reads as
     * outcome unknown, not as whatever its interruption made of it.
     */
    private List<List<ChannelRun.Sent>> runAll(List<ChannelRun> runs, Instant deadline) {
        ExecutorService pool = Executors.newFixedThreadPool(runs.size(), r -> {
            Thread t = new Thread(r, "deliver");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            runs.forEach(run -> futures.add(pool.submit(run)));
            for (Future<?> f : futures) {
                try {
                    f.get(Math.max(0, Duration.between(clock.instant(), deadline.plus(OVERRUN_GRACE)).toMillis()),
                            TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // A channel past its own worst case: ChannelRun.finish records its send as outcome unknown.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<List<ChannelRun.Sent>> done = new ArrayList<>();
            runs.forEach(run -> done.add(run.finish()));
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One channel's sends in one run, oldest first, stopping at its first failure worth retrying. */
    private final class ChannelRun implements Runnable {

        /**
         * One notification's report line ({@code null}: none, another line speaks for it) and its delivery on
         * {@code channel} after this run ({@code null}: untouched).
         */
        record Sent(String notificationId, String channel, DeliveryAttempt attempt, ChannelDelivery after) {

            Sent(DeliveryAttempt attempt, ChannelDelivery after) {
                this(attempt.notificationId(), attempt.channel(), attempt, after);
            }
        }

        private final Notifier notifier;
        private final Outbox outbox;
        private final Set<String> sends;
        private final Instant deadline;
        private final Map<String, Drawn> charts;
        private final List<Sent> sent = new CopyOnWriteArrayList<>();
        /** The send under way; taken by whoever settles it first, the send's own end or {@link #finish}. */
        private final AtomicReference<Notification> inFlight = new AtomicReference<>();
        /** The notifications a "while you were away" message in flight carries. */
        private volatile List<Notification> inFlightGroup = List.of();

        ChannelRun(Notifier notifier, Outbox outbox, Set<String> sends, Instant deadline, Map<String, Drawn> charts) {
            this.notifier = notifier;
            this.outbox = outbox;
            this.sends = sends;
            this.deadline = deadline;
            this.charts = charts;
        }

        @Override
        public void run() {
            String channel = notifier.channel();
            List<Notification> pending = outbox.pendingOn(channel);
            Optional<QuietHours> quiet = routes.getOrDefault(channel, ChannelRoute.ALL).quiet();
            if (quietNow(channel)) {
                if (!pending.isEmpty()) {
                    // Nothing tried, nothing counted: the channel's people asked not to be told now. Each is marked
                    // held, so that what waited goes as one message even if the quiet hours are gone by then.
                    Notification first = pending.get(0);
                    sent.add(new Sent(new DeliveryAttempt(first.id(), channel, DeliveryResult.Outcome.NOT_STARTED,
                            "quiet hours (" + quiet.get() + "): " + pending.size() + " waiting, sent as one message when they end",
                            first.channels().get(channel).attempts()), null));
                    for (Notification n : pending) {
                        ChannelDelivery before = n.channels().get(channel);
                        if (before.heldSince() == null && (sends == null || sends.contains(Outbox.send(n.id(), channel)))) {
                            sent.add(new Sent(n.id(), channel, null, before.held(clock.instant())));
                        }
                    }
                }
                return;
            }
            List<Notification> away = notifier.combinesMessages() ? heldThrough(quiet, pending) : List.of();
            List<Notification> mine = pending;
            if (away.size() >= 2) {
                if (!sendTogether(away, quiet)) {
                    return;
                }
                mine = pending.stream().filter(n -> !away.contains(n)).toList();
            }
            for (Notification n : mine) {
                ChannelDelivery before = n.channels().get(channel);
                if (before.waiting(clock.instant())) {
                    // The channel said "not before"; what follows waits too, to keep the order.
                    break;
                }
                if (sends != null && !sends.contains(Outbox.send(n.id(), channel))) {
                    // Claimed by another run that is sending it now; what follows waits, to keep the order.
                    break;
                }
                if (deadline != null) {
                    Duration left = Duration.between(clock.instant(), deadline);
                    if (left.compareTo(notifier.worstCase()) < 0) {
                        sent.add(new Sent(new DeliveryAttempt(n.id(), channel, DeliveryResult.Outcome.NOT_STARTED,
                                "not started: " + millis(left) + " of the delivery budget left, a " + channel
                                        + " send may take " + millis(notifier.worstCase()) + "; pending for the next run",
                                before.attempts()), null));
                        break;
                    }
                }
                inFlight.set(n);
                Drawn chart = charts.get(n.id());
                DeliveryResult result = safeDeliver(notifier, n, chart == null ? null : chart.chart(), deadline);
                synchronized (this) {
                    if (!inFlight.compareAndSet(n, null)) {
                        return; // settled by finish(): the run has returned without this channel
                    }
                    record(n, result, chart == null ? null : chart.note());
                }
                if (result.outcome() != DeliveryResult.Outcome.DELIVERED
                        && result.outcome() != DeliveryResult.Outcome.PERMANENT) {
                    break;
                }
            }
        }

        /**
         * What quiet hours held (marked so by a run in them, or made before the last ones ended) and may be sent
         * now (claimed by this run, not waiting out a Retry-After), oldest first.
         */
        private List<Notification> heldThrough(Optional<QuietHours> quiet, List<Notification> mine) {
            Optional<Instant> lastEnded = quiet.flatMap(q -> q.lastPeriodBefore(clock.instant())).map(period -> period[1]);
            List<Notification> held = new ArrayList<>();
            for (Notification n : mine) {
                boolean sendable = !n.channels().get(notifier.channel()).waiting(clock.instant())
                        && (sends == null || sends.contains(Outbox.send(n.id(), notifier.channel())));
                if (!sendable) {
                    break; // what follows waits too, to keep the order
                }
                if (n.channels().get(notifier.channel()).heldSince() != null
                        || lastEnded.filter(n.createdAt()::isBefore).isPresent()) {
                    held.add(n);
                }
            }
            return held;
        }

        /**
         * "While you were away": what waited through the quiet hours, as one message, newest first; each of
         * them delivered (or not) as that message was. Returns whether the channel's other sends may follow.
         */
        private boolean sendTogether(List<Notification> away, Optional<QuietHours> quiet) {
            String channel = notifier.channel();
            if (deadline != null && Duration.between(clock.instant(), deadline).compareTo(notifier.worstCase()) < 0) {
                Notification first = away.get(0);
                sent.add(new Sent(new DeliveryAttempt(first.id(), channel, DeliveryResult.Outcome.NOT_STARTED,
                        "not started: the delivery budget left cannot cover a " + channel + " send; pending for the next run",
                        first.channels().get(channel).attempts()), null));
                return false;
            }
            Notification together = WhileAway.message(channel, away, quiet, clock.instant());
            inFlightGroup = List.copyOf(away);
            inFlight.set(together);
            DeliveryResult result = safeDeliver(notifier, together, null, deadline);
            synchronized (this) {
                if (!inFlight.compareAndSet(together, null)) {
                    return false;
                }
                away.forEach(n -> record(n, result, null));
            }
            return result.outcome() == DeliveryResult.Outcome.DELIVERED || result.outcome() == DeliveryResult.Outcome.PERMANENT;
        }

        private void record(Notification n, DeliveryResult result, String chartNote) {
            String channel = notifier.channel();
            ChannelDelivery before = n.channels().get(channel);
            Instant now = clock.instant();
            ChannelDelivery after = switch (result.outcome()) {
                case DELIVERED -> before.delivered(now);
                case RETRYABLE, REFUSED -> before.failed(now, result.detail(), result.retryAfter().map(now::plus).orElse(null));
                case UNKNOWN -> before.unknown(now, result.detail());
                case PERMANENT -> before.dead(now, result.detail(), true);
                case NOT_STARTED -> throw new IllegalArgumentException("a channel starts or refuses; it does not defer");
            };
            if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
                alarmEvent(DELIVERY_FAILED, () -> LOG.errorf(
                        "event=delivery_failed channel=%s notification=%s outcome=%s attempt=%d error=\"%s\"",
                        channel, n.id(), result.outcome(), after.attempts(), result.detail()));
            }
            sent.add(new Sent(new DeliveryAttempt(n.id(), channel, result.outcome(), result.detail(), after.attempts(),
                    chartNote), after));
        }

        /** What this channel did; a send still running past the deadline is recorded as outcome unknown. */
        synchronized List<Sent> finish() {
            Notification overran = inFlight.getAndSet(null);
            if (overran != null) {
                LOG.errorf("event=channel_overran channel=%s worst_case_ms=%d", notifier.channel(),
                        notifier.worstCase().toMillis());
                DeliveryResult unknown = DeliveryResult.unknown(notifier.channel()
                        + " send did not finish within the run's delivery budget");
                if (overran.id().startsWith(WhileAway.ID_PREFIX)) {
                    inFlightGroup.forEach(n -> record(n, unknown, null));
                } else {
                    Drawn chart = charts.get(overran.id());
                    record(overran, unknown, chart == null ? null : chart.note());
                }
            }
            return List.copyOf(sent);
        }
    }

    private static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", Math.max(0, d.toMillis()) / 1000.0);
    }

    /** How many notifications wait for each channel. */
    public static Map<String, Integer> pendingPerChannel(Outbox outbox, Set<String> channels) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        channels.forEach(c -> counts.put(c, 0));
        for (Notification n : outbox.pending()) {
            n.channels().forEach((channel, d) -> {
                if (d.status() == ChannelDelivery.Status.PENDING) {
                    counts.merge(channel, 1, Integer::sum);
                }
            });
        }
        return counts;
    }

    private static Notification findPending(Outbox outbox, String id) {
        return outbox.pending().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    /** A notifier that throws anyway is a bug, but it must not cost the other channels their turn. */
    private static DeliveryResult safeDeliver(Notifier notifier, Notification n, Chart chart, Instant deadline) {
        try {
            return chart == null ? notifier.deliver(n, deadline) : notifier.deliver(n, chart, deadline);
        } catch (RuntimeException e) {
            return DeliveryResult.unknown("unexpected " + e.getClass().getSimpleName() + " in " + notifier.channel());
        }
    }

    private static String deadChannels(Notification n) {
        return n.channels().entrySet().stream()
                .filter(e -> e.getValue().status() == ChannelDelivery.Status.DEAD)
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(","));
    }
}
