package io.marketsentinel.notify.pagerduty;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Notification;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * An Events API v2 event: {@code trigger} for NEW, ESCALATED and REPEAT, {@code resolve} for RESOLVED,
 * all of one episode under one {@code dedup_key} (the episode's: rule, subject and start), so that an
 * escalation updates the incident and the resolve closes it. Within PagerDuty's limits: a summary of
 * at most 1,024 characters, a dedup key of at most 255.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PagerDutyEvent(@JsonProperty("routing_key") String routingKey, @JsonProperty("event_action") String action,
                             @JsonProperty("dedup_key") String dedupKey, Payload payload) {

    static final int SUMMARY_MAX = 1024;
    static final int DEDUP_KEY_MAX = 255;

    /** What the incident shows. */
    @RegisterForReflection
    public record Payload(String summary, String source, String severity,
                          @JsonProperty("custom_details") Map<String, String> customDetails) {
    }

    static PagerDutyEvent of(Notification n, String routingKey) {
        String dedupKey = episodeKey(n.id());
        if (n.kind() == DecisionKind.RESOLVED) {
            return new PagerDutyEvent(routingKey, "resolve", dedupKey, null);
        }
        String severity = n.kind() == DecisionKind.ESCALATED ? "critical" : "error";
        return new PagerDutyEvent(routingKey, "trigger", dedupKey,
                new Payload(cut(n.headline(), SUMMARY_MAX), "market-sentinel", severity, n.facts()));
    }

    /** A notification's id is {@code <key>/<episode start>/<sequence>}: the episode is all but the sequence. */
    static String episodeKey(String notificationId) {
        int last = notificationId.lastIndexOf('/');
        return cut(last > 0 ? notificationId.substring(0, last) : notificationId, DEDUP_KEY_MAX);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
