package io.marketsentinel.notify;

import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends what the outbox holds, channel by channel and oldest first. Channels are independent: one
 * that fails never holds up another. A channel that fails retryably is not tried again this run
 * (what follows it stays in order for the next run); a permanent refusal, or a notification older
 * than the dead-letter limit, is given up on loudly.
 */
public final class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

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

    /** The outbox after this round of sends, and what was tried. */
    public record Dispatch(Outbox outbox, List<DeliveryAttempt> attempts, List<Notification> newlyDead) {
    }

    public Dispatch dispatch(Outbox outbox) {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        Outbox current = outbox;
        for (Notifier notifier : notifiers.values()) {
            String channel = notifier.channel();
            for (Notification queued : current.pendingFor(channel)) {
                Notification n = findPending(current, queued.id());
                ChannelDelivery before = n.channels().get(channel);
                if (before.waiting(clock.instant())) {
                    // The channel said "not before"; what follows waits too, to keep the order.
                    break;
                }
                DeliveryResult result = safeDeliver(notifier, n);
                ChannelDelivery after = switch (result.outcome()) {
                    case DELIVERED -> before.delivered(clock.instant());
                    case RETRYABLE -> before.failed(clock.instant(), result.detail(),
                            result.retryAfter().map(clock.instant()::plus).orElse(null));
                    case PERMANENT -> before.dead(clock.instant(), result.detail(), true);
                };
                attempts.add(new DeliveryAttempt(n.id(), channel, result.outcome(), result.detail(), after.attempts()));
                if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
                    LOG.errorf("event=delivery_failed channel=%s notification=%s outcome=%s attempt=%d error=\"%s\"",
                            channel, n.id(), result.outcome(), after.attempts(), result.detail());
                }
                current = current.update(n.withChannel(channel, after));
                if (result.outcome() == DeliveryResult.Outcome.RETRYABLE) {
                    break;
                }
            }
        }
        Set<String> deadBefore = outbox.deadLetters().stream().map(Notification::id).collect(Collectors.toSet());
        current = current.expire(clock.instant(), deadLetterAfter);
        List<Notification> newlyDead = new ArrayList<>();
        for (Notification dead : current.deadLetters()) {
            if (!deadBefore.contains(dead.id())) {
                newlyDead.add(dead);
                LOG.errorf("event=notification_dead_letter notification=%s channels=%s headline=\"%s\"",
                        dead.id(), deadChannels(dead), dead.headline());
            }
        }
        return new Dispatch(current, attempts, newlyDead);
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
    private static DeliveryResult safeDeliver(Notifier notifier, Notification n) {
        try {
            return notifier.deliver(n);
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
