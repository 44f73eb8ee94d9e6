package io.marketsentinel.notify;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One send tried during a run, for the report.
 *
 * @param chart what became of the send's chart, for a channel that takes one ("attached chart.png (31 KB)",
 *              "not drawn (…): text only"); {@code null} for a send without one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAttempt(String notificationId, String channel, DeliveryResult.Outcome outcome, String detail,
                              int attempt, String chart) {

    public DeliveryAttempt(String notificationId, String channel, DeliveryResult.Outcome outcome, String detail,
                           int attempt) {
        this(notificationId, channel, outcome, detail, attempt, null);
    }
}
