package io.marketsentinel.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Objects;

/**
 * A mute, as Alertmanager's silences are: a rule (its named windows included) and optionally one subject,
 * from {@code startsAt} until {@code endsAt}. While it is active, what the ledger would notify for what it
 * matches is not sent to any channel (see {@link AlertLedger}).
 *
 * @param id        stable, to list and end it by
 * @param rule      a rule's name, e.g. {@code coin-low}; {@code market-drawdown} also mutes {@code market-drawdown:fast}
 * @param subject   a coin id, or {@code null}: every subject of the rule
 * @param startsAt  when it began
 * @param endsAt    when it ends (ended early: when it was ended)
 * @param comment   why, for the next person reading the status
 * @param createdAt when it was made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Silence(String id, String rule, String subject, Instant startsAt, Instant endsAt, String comment,
                      Instant createdAt) {

    public Silence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
    }

    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    /** Whether it mutes what {@code rule} says of {@code subject} at {@code at}. */
    public boolean mutes(String rule, String subject, Instant at) {
        boolean ruleMatches = this.rule.equals(rule) || rule.startsWith(this.rule + ":");
        return ruleMatches && (this.subject == null || this.subject.equals(subject)) && activeAt(at);
    }

    public Silence endedAt(Instant at) {
        return new Silence(id, rule, subject, startsAt, at.isBefore(endsAt) ? at : endsAt, comment, createdAt);
    }
}
