package io.marketsentinel.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * How delivery of one notification to one channel stands.
 *
 * @param status        pending, delivered, or dead (given up: permanent failure or too old)
 * @param attempts      how many sends were tried
 * @param lastAttemptAt when the last send was tried, {@code null} before the first
 * @param lastError     what the last failed send said (already free of secrets), or {@code null}
 * @param retryAt       not to be tried before this (a channel's Retry-After), or {@code null}
 * @param claimedUntil  a run is sending this until then (claimed in its conditional save, so that a
 *                      run starting meanwhile does not send it too); lapses if that run is killed
 * @param outcomeUnknown the last send was cut after the channel may have accepted it ({@code true}), or
 *                      {@code null}: the next send uses the channel's idempotency means, and status says so
 * @param heldSince     the channel's quiet hours held it from then ({@code null}: never held): what was held is
 *                      sent as one "while you were away" message, also after a restart without the quiet hours
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelDelivery(Status status, int attempts, Instant lastAttemptAt, String lastError, Instant retryAt,
                              Instant claimedUntil, Boolean outcomeUnknown, Instant heldSince) {

    public enum Status { PENDING, DELIVERED, DEAD }

    public static ChannelDelivery pending() {
        return new ChannelDelivery(Status.PENDING, 0, null, null, null, null, null, null);
    }

    public ChannelDelivery delivered(Instant at) {
        return new ChannelDelivery(Status.DELIVERED, attempts + 1, at, null, null, null, null, null);
    }

    public ChannelDelivery failed(Instant at, String error, Instant retryAt) {
        return new ChannelDelivery(Status.PENDING, attempts + 1, at, error, retryAt, null, null, heldSince);
    }

    /** The send was cut after the channel may have taken it: pending, to be sent again the same way. */
    public ChannelDelivery unknown(Instant at, String error) {
        return new ChannelDelivery(Status.PENDING, attempts + 1, at, error, null, null, true, heldSince);
    }

    public ChannelDelivery dead(Instant at, String error, boolean attempted) {
        return new ChannelDelivery(Status.DEAD, attempted ? attempts + 1 : attempts, at, error, null, null, outcomeUnknown,
                heldSince);
    }

    /** Claimed by a run until {@code until}. */
    public ChannelDelivery claimed(Instant until) {
        return new ChannelDelivery(status, attempts, lastAttemptAt, lastError, retryAt, until, outcomeUnknown, heldSince);
    }

    /** Held by the channel's quiet hours, since {@code at} unless held already. */
    public ChannelDelivery held(Instant at) {
        return heldSince != null ? this
                : new ChannelDelivery(status, attempts, lastAttemptAt, lastError, retryAt, claimedUntil, outcomeUnknown, at);
    }

    /** Whether another run is sending this now (its claim has not lapsed). */
    public boolean claimedAt(Instant now) {
        return claimedUntil != null && claimedUntil.isAfter(now);
    }

    /** Whether the channel asked not to be tried again before a time still to come. */
    public boolean waiting(Instant now) {
        return retryAt != null && retryAt.isAfter(now);
    }
}
