package io.marketsentinel.alerting;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notifications saved with the state before any send, so none is lost to a crash or a channel that
 * is down: each channel is marked as it accepts; what is still pending is retried on the next run,
 * oldest first; what stays undeliverable past the limit, or is refused for good, becomes a dead
 * letter that the report shows. Immutable.
 *
 * @param pending     notifications with at least one channel still pending, oldest first
 * @param deadLetters notifications given up on for at least one channel, newest last (the latest
 *                    {@link #MAX_DEAD_LETTERS}; each was logged and reported when it died)
 * @param deadLettersDropped how many older dead letters were let go to keep the state bounded
 */
public record Outbox(List<Notification> pending, List<Notification> deadLetters, int deadLettersDropped) {

    /** Dead letters kept in the state for the report; older ones have been logged and reported already. */
    public static final int MAX_DEAD_LETTERS = 50;

    /** Dead letters kept when a state over its size budget is compacted: the latest, the rest counted. */
    public static final int DEAD_LETTERS_WHEN_COMPACTED = 10;

    @JsonCreator
    public Outbox {
        pending = List.copyOf(pending);
        deadLetters = List.copyOf(deadLetters);
    }

    public Outbox(List<Notification> pending, List<Notification> deadLetters) {
        this(pending, deadLetters, 0);
    }

    public static Outbox empty() {
        return new Outbox(List.of(), List.of());
    }

    /** Keeps only the latest {@code keep} dead letters, counting the rest (to keep the state under its budget). */
    public Outbox keepDeadLetters(int keep) {
        if (deadLetters.size() <= keep) {
            return this;
        }
        return new Outbox(pending, deadLetters.subList(deadLetters.size() - keep, deadLetters.size()),
                deadLettersDropped + deadLetters.size() - keep);
    }

    public Outbox add(List<Notification> notifications) {
        List<Notification> next = new ArrayList<>(pending);
        next.addAll(notifications);
        next.sort(Comparator.comparing(Notification::createdAt));
        return settle(next, deadLetters, deadLettersDropped);
    }

    /** Replaces a notification (same id) after a delivery attempt. */
    public Outbox update(Notification notification) {
        List<Notification> next = new ArrayList<>(pending.size());
        for (Notification n : pending) {
            next.add(n.id().equals(notification.id()) ? notification : n);
        }
        return settle(next, deadLetters, deadLettersDropped);
    }

    /** Gives up on every channel still pending for notifications older than {@code limit}. */
    public Outbox expire(Instant now, Duration limit) {
        return expire(now, limit, QuietTime.NONE);
    }

    /** How long a channel was in its quiet hours between two instants: time it was not allowed to deliver. */
    @FunctionalInterface
    public interface QuietTime {
        QuietTime NONE = (channel, from, to) -> Duration.ZERO;

        Duration between(String channel, Instant from, Instant to);
    }

    /**
     * As {@link #expire(Instant, Duration)}, not counting a channel's quiet hours: a notification held
     * through a night of quiet hours has as long to be delivered as any other.
     */
    public Outbox expire(Instant now, Duration limit, QuietTime quiet) {
        List<Notification> next = new ArrayList<>(pending.size());
        for (Notification n : pending) {
            Notification updated = n;
            Duration age = Duration.between(n.createdAt(), now);
            if (age.compareTo(limit) > 0) {
                for (Map.Entry<String, ChannelDelivery> c : n.channels().entrySet()) {
                    if (c.getValue().status() == ChannelDelivery.Status.PENDING
                            && age.minus(quiet.between(c.getKey(), n.createdAt(), now)).compareTo(limit) > 0) {
                        String why = "undelivered after " + limit + (c.getValue().lastError() == null
                                ? "" : "; last error: " + c.getValue().lastError());
                        updated = updated.withChannel(c.getKey(), c.getValue().dead(now, why, false));
                    }
                }
            }
            next.add(updated);
        }
        return settle(next, deadLetters, deadLettersDropped);
    }

    /** The outbox with this run's claims, and which (notification, channel) pairs this run may send. */
    public record Claimed(Outbox outbox, Set<String> sends) {
    }

    /** The key of one send: a notification to one channel. */
    public static String send(String notificationId, String channel) {
        return notificationId + "|" + channel;
    }

    /**
     * Claims, until {@code until}, every pending send no other run has claimed (or whose claim has
     * lapsed) and that is not waiting out a Retry-After; saved in the run's conditional save, so a
     * run that starts while this one delivers sends none of them.
     */
    public Claimed claim(Instant now, Instant until) {
        List<Notification> next = new ArrayList<>(pending.size());
        Set<String> sends = new HashSet<>();
        for (Notification n : pending) {
            Notification updated = n;
            for (Map.Entry<String, ChannelDelivery> c : n.channels().entrySet()) {
                ChannelDelivery d = c.getValue();
                if (d.status() == ChannelDelivery.Status.PENDING && !d.claimedAt(now) && !d.waiting(now)) {
                    updated = updated.withChannel(c.getKey(), d.claimed(until));
                    sends.add(send(n.id(), c.getKey()));
                }
            }
            next.add(updated);
        }
        return new Claimed(new Outbox(next, deadLetters, deadLettersDropped), Set.copyOf(sends));
    }

    /** Releases this run's claims on sends it did not get to (so the next run need not wait for them to lapse). */
    public Outbox release(Set<String> sends) {
        List<Notification> next = new ArrayList<>(pending.size());
        for (Notification n : pending) {
            Notification updated = n;
            for (Map.Entry<String, ChannelDelivery> c : n.channels().entrySet()) {
                if (sends.contains(send(n.id(), c.getKey())) && c.getValue().claimedUntil() != null) {
                    updated = updated.withChannel(c.getKey(), c.getValue().claimed(null));
                }
            }
            next.add(updated);
        }
        return new Outbox(next, deadLetters, deadLettersDropped);
    }

    /** Pending notifications that still wait for {@code channel}, oldest first. */
    public List<Notification> pendingOn(String channel) {
        List<Notification> out = new ArrayList<>();
        for (Notification n : pending) {
            if (n.awaits(channel)) {
                out.add(n);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Settled notifications leave the outbox; those with a dead channel go to the dead letters. */
    private static Outbox settle(List<Notification> candidates, List<Notification> deadLetters, int dropped) {
        List<Notification> stillPending = new ArrayList<>();
        List<Notification> dead = new ArrayList<>(deadLetters);
        for (Notification n : candidates) {
            if (!n.settled()) {
                stillPending.add(n);
            } else if (n.channels().values().stream().anyMatch(d -> d.status() == ChannelDelivery.Status.DEAD)) {
                dead.add(n);
            }
        }
        if (dead.size() > MAX_DEAD_LETTERS) {
            dropped += dead.size() - MAX_DEAD_LETTERS;
            dead = dead.subList(dead.size() - MAX_DEAD_LETTERS, dead.size());
        }
        return new Outbox(stillPending, dead, dropped);
    }
}
