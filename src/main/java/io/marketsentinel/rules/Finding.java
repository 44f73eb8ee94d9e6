package io.marketsentinel.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one rule saw for one subject on one check.
 *
 * @param rule      the rule's name, e.g. {@code market-drawdown}
 * @param subject   the coin id for per-coin rules, {@code null} for the whole market
 * @param breached  whether the firing condition holds right now
 * @param magnitude the rule's measure of severity, compared by the rule to decide escalation; what
 *                  the number is, {@code measure} says
 * @param measure   what {@code magnitude} counts (absent in a state written before it was said)
 * @param value     the observed value (drawdown: total market cap; coin-low: price)
 * @param headline  one line for a human, e.g. "Crypto market down $468.2B (−15.4%) from its 7-day high"
 * @param text      the full message
 * @param facts     the figures behind the message, in display order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String rule, String subject, boolean breached, double magnitude, Measure measure, double value,
                      String headline, String text, Map<String, String> facts) {

    /** What a finding's {@code magnitude} is. */
    public enum Measure {
        /** market-drawdown: percent below the window's high. */
        PERCENT_BELOW_HIGH,
        /** coin-low: the {@code lowestSince} day, as days since 1970-01-01 (earlier is lower). */
        LOWEST_SINCE_EPOCH_DAY,
        /** price-level: how far past the level the price is, in percent of the level (negative: not past it). */
        PERCENT_PAST_LEVEL
    }

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(text, "text");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** The identity of an alert episode: one per rule and coin. */
    public String key() {
        return key(rule, subject);
    }

    public static String key(String rule, String subject) {
        return subject == null ? rule : rule + ":" + subject;
    }
}
