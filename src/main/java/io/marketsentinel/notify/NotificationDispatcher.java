package io.marketsentinel.notify;

import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Sends what the outbox holds, each channel oldest first. Channels are independent: one that fails
 * or is slow never holds up another (with a deadline, each runs on its own thread). A channel that fails retryably is not tried again this run
 * (what follows it stays in order for the next run); a permanent refusal, or a notification older
 * than the dead-letter limit, is given up on loudly.
 */
public final class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    /** The MDC values the stack's alarms match in the JSON log ({@code { $.mdc.event = "..." }}). */
    public static final String DELIVERY_FAILED = "delivery_failed";
    public static final String DEAD_LETTER = "notification_dead_letter";

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
    private final Duration deadLetterAfter;
    private final Clock clock;

    public NotificationDispatcher(List<Notifier> notifiers, Duration deadLetterAfter, Clock clock) {
        this.notifiers = new LinkedHashMap<>();
        notifiers.forEach(n -> this.notifiers.put(n.channel(), n));
        this.deadLetterAfter = deadLetterAfter;
        this.clock = clock;
    }

    /** Primes every channel with {@code sample} (nothing is sent); a channel that cannot prime is only logged. */
    public void prime(Notification sample, java.net.URI loopbackStub) {
        for (Notifier notifier : notifiers.values()) {
            try {
                notifier.prime(sample, loopbackStub);
            } catch (RuntimeException e) {
                LOG.warnf("event=prime_skipped channel=%s reason=%s", notifier.channel(), e.getClass().getSimpleName());
            }
        }
    }

    /** The channels a new notification goes to. */
    public Set<String> channels() {
        return notifiers.keySet();
    }

    /**
     * The outbox after this round of sends, what was tried, and each tried send's new state (keyed
     * by {@link Outbox#send}), to put on a newer state if the save of this one is beaten.
     */
    public record Dispatch(Outbox outbox, List<DeliveryAttempt> attempts, List<Notification> newlyDead,
                           Map<String, ChannelDelivery> results) {
    }

    /** Sends everything pending, channel after channel, without a deadline (replay). */
    public Dispatch dispatch(Outbox outbox) {
        return dispatch(outbox, null, null);
    }

    /**
     * Sends what {@code sends} names (this run's claims; {@code null}: everything pending), each
     * channel on its own thread, so that a slow channel never holds up another, and returns by
     * {@code deadline} whatever the channels are doing: a send still running then is recorded as a
     * retryable failure (its attempt counted), and what was not started stays pending as it was.
     * Without a deadline the channels run one after the other on this thread.
     */
    public Dispatch dispatch(Outbox outbox, Set<String> sends, Instant deadline) {
        List<ChannelRun> runs = new ArrayList<>();
        for (Notifier notifier : notifiers.values()) {
            runs.add(new ChannelRun(notifier, outbox, sends, deadline));
        }
        List<ChannelRun> done = new ArrayList<>();
        boolean nothingToSend = sends != null && sends.isEmpty();
        if (deadline == null || nothingToSend) {
            // Nothing claimed (most runs), or no deadline: no threads needed.
            if (!nothingToSend) {
                runs.forEach(ChannelRun::run);
            }
            runs.forEach(run -> done.add(run.finish()));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(runs.size(), r -> {
                Thread t = new Thread(r, "deliver");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                runs.forEach(run -> futures.add(pool.submit(run)));
                for (Future<?> f : futures) {
                    waitUntil(f, deadline);
                }
                // Settled before the channels are interrupted, so a send cut off reads as "did not finish".
                runs.forEach(run -> done.add(run.finish()));
            } finally {
                pool.shutdownNow();
            }
        }
        List<DeliveryAttempt> attempts = new ArrayList<>();
        Map<String, ChannelDelivery> results = new LinkedHashMap<>();
        Outbox current = outbox;
        for (ChannelRun run : done) {
            for (DeliveryAttempt a : run.attempts) {
                ChannelDelivery after = run.after.get(a.notificationId());
                attempts.add(a);
                results.put(Outbox.send(a.notificationId(), a.channel()), after);
                current = current.update(findPending(current, a.notificationId()).withChannel(a.channel(), after));
            }
        }
        Set<String> deadBefore = outbox.deadLetters().stream().map(Notification::id).collect(Collectors.toSet());
        current = current.expire(clock.instant(), deadLetterAfter);
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

    private void waitUntil(Future<?> future, Instant deadline) {
        try {
            future.get(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // A channel still sending at the deadline: its running send is settled by ChannelRun.finish.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One channel's sends in one run, oldest first, stopping at its first retryable failure. */
    private final class ChannelRun implements Runnable {

        private final Notifier notifier;
        private final Outbox outbox;
        private final Set<String> sends;
        private final Instant deadline;
        /** What was tried, for the report, and where each tried notification stands now (by id). */
        private final List<DeliveryAttempt> attempts = new ArrayList<>();
        private final Map<String, ChannelDelivery> after = new LinkedHashMap<>();
        /** The send under way, if any: settled as "did not finish" when the run must return. */
        private Notification inFlight;
        private boolean finished;

        ChannelRun(Notifier notifier, Outbox outbox, Set<String> sends, Instant deadline) {
            this.notifier = notifier;
            this.outbox = outbox;
            this.sends = sends;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            String channel = notifier.channel();
            for (Notification n : outbox.pendingOn(channel)) {
                ChannelDelivery before = n.channels().get(channel);
                if (before.waiting(clock.instant())) {
                    // The channel said "not before"; what follows waits too, to keep the order.
                    break;
                }
                if (sends != null && !sends.contains(Outbox.send(n.id(), channel))) {
                    // Claimed by another run that is sending it now; what follows waits, to keep the order.
                    break;
                }
                if (deadline != null && !clock.instant().isBefore(deadline)) {
                    break;
                }
                synchronized (this) {
                    inFlight = n;
                }
                DeliveryResult result = safeDeliver(notifier, n, deadline);
                synchronized (this) {
                    if (finished) {
                        return;
                    }
                    inFlight = null;
                    record(n, before, result);
                }
                if (result.outcome() == DeliveryResult.Outcome.RETRYABLE) {
                    break;
                }
            }
        }

        private void record(Notification n, ChannelDelivery before, DeliveryResult result) {
            String channel = notifier.channel();
            Instant now = clock.instant();
            ChannelDelivery after = switch (result.outcome()) {
                case DELIVERED -> before.delivered(now);
                case RETRYABLE -> before.failed(now, result.detail(), result.retryAfter().map(now::plus).orElse(null));
                case PERMANENT -> before.dead(now, result.detail(), true);
            };
            if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
                alarmEvent(DELIVERY_FAILED, () -> LOG.errorf(
                        "event=delivery_failed channel=%s notification=%s outcome=%s attempt=%d error=\"%s\"",
                        channel, n.id(), result.outcome(), after.attempts(), result.detail()));
            }
            this.after.put(n.id(), after);
            attempts.add(new DeliveryAttempt(n.id(), channel, result.outcome(), result.detail(), after.attempts()));
        }

        /** What this channel did; a send still running is recorded as not finished in time. */
        synchronized ChannelRun finish() {
            finished = true;
            if (inFlight != null) {
                ChannelDelivery before = inFlight.channels().get(notifier.channel());
                record(inFlight, before, DeliveryResult.retryable(notifier.channel()
                        + " send did not finish within the run's delivery budget"));
                inFlight = null;
            }
            return this;
        }
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
    private static DeliveryResult safeDeliver(Notifier notifier, Notification n, Instant deadline) {
        try {
            return notifier.deliver(n, deadline);
        } catch (RuntimeException e) {
            return DeliveryResult.retryable("unexpected " + e.getClass().getSimpleName() + " in " + notifier.channel());
        }
    }

    private static String deadChannels(Notification n) {
        return n.channels().entrySet().stream()
                .filter(e -> e.getValue().status() == ChannelDelivery.Status.DEAD)
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(","));
    }
}
