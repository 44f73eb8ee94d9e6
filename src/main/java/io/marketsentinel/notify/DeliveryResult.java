package io.marketsentinel.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What came of one send — the one result type of {@link Notifier#deliver}: accepted; "try again later"
 * (429, 5xx, a refused connection, a mail server that is down), with the channel's own not-before if it
 * gave one; "your credentials are refused" (401, 403, a webhook URL that is gone, SMTP 535: the secret
 * needs fixing, and may have been); "never" (other 4xx: the request is wrong); or <em>outcome unknown</em>
 * (the send was cut after the service may have taken it: retried later with the channel's own
 * idempotency means, and said so). The dispatcher adds one more for the report: a send it did not start,
 * because the run's delivery budget could not cover the channel's worst case. The detail is free of
 * secrets: notifiers scrub it before they build it.
 */
public record DeliveryResult(Outcome outcome, String detail, Optional<Duration> retryAfter) {

    public enum Outcome {
        DELIVERED,
        RETRYABLE,
        PERMANENT,
        /**
         * The service refused the channel's credentials (a webhook removed, a token revoked, a password changed):
         * the secret is read again at once and the send tried again with its new value if it changed; otherwise
         * kept, like a retryable failure, until the secret is fixed or the dead-letter limit is reached.
         */
        REFUSED,
        /** Cut after the service may have accepted it: retried with the same idempotency means (mail: the same Message-ID). */
        UNKNOWN,
        /** Not started: the run's remaining delivery budget did not cover the channel's worst case; pending, untouched. */
        NOT_STARTED
    }

    public DeliveryResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static DeliveryResult delivered(String detail) {
        return new DeliveryResult(Outcome.DELIVERED, detail, Optional.empty());
    }

    public static DeliveryResult retryable(String detail) {
        return new DeliveryResult(Outcome.RETRYABLE, detail, Optional.empty());
    }

    public static DeliveryResult retryable(String detail, Duration retryAfter) {
        return new DeliveryResult(Outcome.RETRYABLE, detail, Optional.of(retryAfter));
    }

    public static DeliveryResult permanent(String detail) {
        return new DeliveryResult(Outcome.PERMANENT, detail, Optional.empty());
    }

    public static DeliveryResult credentialsRefused(String detail) {
        return new DeliveryResult(Outcome.REFUSED, detail + " (credentials refused: kept until the secret is fixed)",
                Optional.empty());
    }

    public static DeliveryResult unknown(String detail) {
        return new DeliveryResult(Outcome.UNKNOWN, "outcome unknown: " + detail, Optional.empty());
    }

    static DeliveryResult notStarted(String detail) {
        return new DeliveryResult(Outcome.NOT_STARTED, detail, Optional.empty());
    }

    /** Whether the channel should be tried again later (and nothing after it tried this run, to keep the order). */
    public boolean tryLater() {
        return outcome == Outcome.RETRYABLE || outcome == Outcome.UNKNOWN || outcome == Outcome.REFUSED;
    }
}
