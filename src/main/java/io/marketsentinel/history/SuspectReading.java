package io.marketsentinel.history;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A reading the guard did not take at its word, and what became of it.
 *
 * @param subject the coin id, or {@code null} for the total market cap
 * @param time    when it was read
 * @param value   the total or the price, in USD
 * @param reason  why it was doubted, e.g. "−95.0% in 1h from the last accepted reading (at most ±7.0% is plausible)"
 * @param status  HELD (kept aside until the next reading), CONFIRMED (the next reading agreed: taken),
 *                DISCARDED (the next reading did not agree: dropped) or DROPPED (a batch of history
 *                had no later reading to agree with it)
 * @param since   when the doubt began: the first of a run of readings that agree with each other
 *                but not with the last accepted one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuspectReading(String subject, Instant time, double value, String reason, Status status, Instant since) {

    public enum Status { HELD, CONFIRMED, DISCARDED, DROPPED }

    SuspectReading as(Status next) {
        return new SuspectReading(subject, time, value, reason, next, since);
    }
}
