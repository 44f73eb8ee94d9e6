package io.marketsentinel.check;

import io.marketsentinel.alerting.Silence;
import io.quarkus.runtime.configuration.DurationConverter;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.UUID;

/**
 * A silence as asked for ({@code POST /silences}, {@code silence add}), every field as typed: checked
 * here, once, for both, each refusal naming its field.
 *
 * @param rule        a rule's name (required)
 * @param subject     a coin id, or {@code null}: all the rule's subjects
 * @param forDuration how long, as the configuration writes durations ({@code 12h}, {@code 2d}, {@code PT12H})
 * @param until       or until when, an ISO-8601 instant
 * @param comment     why (optional, at most {@value #COMMENT_MAX} characters)
 */
public record SilenceRequest(String rule, String subject, String forDuration, String until, String comment) {

    static final int COMMENT_MAX = 500;

    /** The silence this asks for, from {@code now}; {@code rules} and {@code coins} are what may be silenced. */
    Silence toSilence(Instant now, Collection<String> rules, Collection<String> coins) {
        if (rule == null || rule.isBlank()) {
            throw new BadSilenceException("rule", "is required (one of " + String.join(", ", rules) + ")");
        }
        if (!rules.contains(rule)) {
            throw new BadSilenceException("rule", "'" + shown(rule) + "' is not a rule (one of " + String.join(", ", rules) + ")");
        }
        if (subject != null && !coins.contains(subject)) {
            throw new BadSilenceException("subject", "'" + shown(subject) + "' is not a watched coin (" + String.join(", ", coins)
                    + "); leave it out to silence every subject of " + rule);
        }
        if (forDuration != null && until != null) {
            throw new BadSilenceException("for", "and until both given: give one");
        }
        Instant ends;
        if (forDuration != null) {
            Duration d = duration(forDuration);
            ends = now.plus(d);
        } else if (until != null) {
            try {
                ends = Instant.parse(until.strip());
            } catch (DateTimeParseException e) {
                throw new BadSilenceException("until", "'" + shown(until) + "' is not an ISO-8601 instant (2026-02-05T08:00:00Z)");
            }
            if (!ends.isAfter(now)) {
                throw new BadSilenceException("until", "'" + shown(until) + "' is not in the future");
            }
        } else {
            throw new BadSilenceException("for", "is required, or until (how long the silence lasts)");
        }
        if (comment != null && comment.length() > COMMENT_MAX) {
            throw new BadSilenceException("comment", "is " + comment.length() + " characters long; at most " + COMMENT_MAX);
        }
        // Short and unguessable enough to type back: "s-" and eight hex digits.
        String id = "s-" + UUID.randomUUID().toString().substring(0, 8);
        return new Silence(id, rule, subject, now, ends, comment, now);
    }

    private static Duration duration(String text) {
        Duration d;
        try {
            d = DurationConverter.parseDuration(text.strip());
        } catch (RuntimeException e) {
            d = null;
        }
        if (d == null) {
            throw new BadSilenceException("for", "'" + shown(text) + "' is not a duration (write it as in the configuration: "
                    + "12h, 2d, PT12H)");
        }
        if (d.isNegative() || d.isZero()) {
            throw new BadSilenceException("for", "'" + shown(text) + "' must be longer than zero");
        }
        return d;
    }

    /** What the caller typed, cut and without control characters: it goes back into an answer. */
    private static String shown(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "\u2026" : clean;
    }
}
