package io.marketsentinel.notify;

/** One send tried during a run, for the report. */
public record DeliveryAttempt(String notificationId, String channel, DeliveryResult.Outcome outcome, String detail,
                              int attempt) {
}
