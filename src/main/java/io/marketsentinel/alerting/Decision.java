package io.marketsentinel.alerting;

import io.marketsentinel.rules.Finding;

import java.util.Optional;

/**
 * The ledger's verdict on one finding, with the notification to send if there is one. A RESOLVED
 * decision carries no notification where the rule does not send resolved alerts.
 */
public record Decision(Finding finding, DecisionKind kind, Optional<Notification> notification) {
}
