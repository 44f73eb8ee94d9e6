package io.marketsentinel.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message to people, as it waits in the outbox: what to say, and where it has been delivered.
 *
 * @param id        stable across retries and runs: rule, subject, episode start and sequence
 * @param createdAt when the decision was made
 * @param rule      the rule's name
 * @param subject   the coin id, or {@code null} for the whole market
 * @param kind      NEW, ESCALATED, REPEAT or RESOLVED
 * @param headline  one line (Slack header, mail subject)
 * @param text      the full message
 * @param facts     the figures, in display order
 * @param channels  each target channel and how delivery to it stands
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(String id, Instant createdAt, String rule, String subject, DecisionKind kind,
                           String headline, String text, Map<String, String> facts,
                           Map<String, ChannelDelivery> channels) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    public boolean awaits(String channel) {
        ChannelDelivery d = channels.get(channel);
        return d != null && d.status() == ChannelDelivery.Status.PENDING;
    }

    /** True when no channel is still waiting (each one delivered or given up on). */
    public boolean settled() {
        return channels.values().stream().noneMatch(d -> d.status() == ChannelDelivery.Status.PENDING);
    }

    public Notification withChannel(String channel, ChannelDelivery delivery) {
        Map<String, ChannelDelivery> next = new LinkedHashMap<>(channels);
        next.put(channel, delivery);
        return new Notification(id, createdAt, rule, subject, kind, headline, text, facts, next);
    }
}
