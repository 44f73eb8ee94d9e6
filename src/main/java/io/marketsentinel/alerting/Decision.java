package io.marketsentinel.alerting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.marketsentinel.rules.Finding;

import java.util.Optional;

/**
 * The ledger's verdict on one finding, with the notification to send if there is one. A RESOLVED
 * decision carries no notification where the rule does not send resolved alerts; a FOLDED one names
 * the earlier notification it was folded into. In JSON it names its finding and notification rather
 * than repeating them (the report lists both).
 */
@JsonPropertyOrder({"rule", "subject", "kind", "notificationId", "foldedInto", "silencedBy"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(@JsonIgnore Finding finding, DecisionKind kind, @JsonIgnore Optional<Notification> notification,
                       String foldedInto, String silencedBy) {

    public Decision(Finding finding, DecisionKind kind, Optional<Notification> notification) {
        this(finding, kind, notification, null, null);
    }

    public Decision(Finding finding, DecisionKind kind, Optional<Notification> notification, String foldedInto) {
        this(finding, kind, notification, foldedInto, null);
    }

    /** What would have been {@code wouldBe}, muted by the silence {@code silence}. */
    static Decision silenced(Finding finding, DecisionKind wouldBe, Silence silence) {
        return new Decision(finding, DecisionKind.SILENCED, Optional.empty(), null,
                silence.id() + " (a " + wouldBe + " muted)");
    }

    @JsonProperty("rule")
    String rule() {
        return finding.rule();
    }

    @JsonProperty("subject")
    String subject() {
        return finding.subject();
    }

    @JsonProperty("notificationId")
    String notificationId() {
        return notification.map(Notification::id).orElse(null);
    }
}
