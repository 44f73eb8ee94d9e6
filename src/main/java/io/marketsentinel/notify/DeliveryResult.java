package io.marketsentinel.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a channel said to one send: accepted, "try again later" (429, 5xx, timeouts, a mail server
 * that is down), or "never" (other 4xx: the request or the configuration is wrong). The detail is
 * free of secrets: notifiers redact before they build it.
 */
public record DeliveryResult(Outcome outcome, String detail, Optional<Duration> retryAfter) {

    public enum Outcome { DELIVERED, RETRYABLE, PERMANENT }

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
}
