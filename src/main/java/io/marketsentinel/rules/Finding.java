package io.marketsentinel.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one rule saw for one subject on one check: the figures the ledger decides on, and the words
 * for people. A rule may give the words as a {@link Wording} drawn when first read: a replay evaluates
 * every rule on every row, and formatting numbers into sentences was most of a row's time, for words
 * that are read only when a notification is made or a report written.
 * <p>
 * Its JSON is that of the record it was: {@code rule, subject, breached, magnitude, measure, value,
 * headline, text, facts}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"rule", "subject", "breached", "magnitude", "measure", "value", "headline", "text", "facts"})
public final class Finding {

    /** What a finding's {@code magnitude} is. */
    public enum Measure {
        /** market-drawdown: percent below the window's high. */
        PERCENT_BELOW_HIGH,
        /** coin-low: the {@code lowestSince} day, as days since 1970-01-01 (earlier is lower). */
        LOWEST_SINCE_EPOCH_DAY,
        /** price-level: how far past the level the price is, in percent of the level (negative: not past it). */
        PERCENT_PAST_LEVEL
    }

    /**
     * The words of a finding.
     *
     * @param headline one line for a human, e.g. "Crypto market down $468.2B (−15.4%) from its 7-day high"
     * @param text     the full message
     * @param facts    the figures behind the message, in display order
     */
    public record Wording(String headline, String text, Map<String, String> facts) {
        public Wording {
            Objects.requireNonNull(headline, "headline");
            Objects.requireNonNull(text, "text");
            facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }
    }

    private final String rule;
    private final String subject;
    private final boolean breached;
    private final double magnitude;
    private final Measure measure;
    private final double value;
    /** Drawn once, when first read; it must capture values, never a whole history. */
    private Supplier<Wording> words;
    private Wording wording;

    /**
     * @param rule      the rule's name, e.g. {@code market-drawdown}
     * @param subject   the coin id for per-coin rules, {@code null} for the whole market
     * @param breached  whether the firing condition holds right now
     * @param magnitude the rule's measure of severity, compared by the rule to decide escalation; what
     *                  the number is, {@code measure} says
     * @param measure   what {@code magnitude} counts (absent in a state written before it was said)
     * @param value     the observed value (drawdown: total market cap; coin-low: price)
     */
    @JsonCreator
    public Finding(@JsonProperty("rule") String rule, @JsonProperty("subject") String subject,
                   @JsonProperty("breached") boolean breached, @JsonProperty("magnitude") double magnitude,
                   @JsonProperty("measure") Measure measure, @JsonProperty("value") double value,
                   @JsonProperty("headline") String headline, @JsonProperty("text") String text,
                   @JsonProperty("facts") Map<String, String> facts) {
        this(rule, subject, breached, magnitude, measure, value, (Supplier<Wording>) null);
        this.wording = new Wording(headline, text, facts == null ? Map.of() : facts);
    }

    private Finding(String rule, String subject, boolean breached, double magnitude, Measure measure, double value,
                    Supplier<Wording> words) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.subject = subject;
        this.breached = breached;
        this.magnitude = magnitude;
        this.measure = measure;
        this.value = value;
        this.words = words;
    }

    /** A finding whose words are drawn by {@code words} when first read (at most once). */
    public static Finding worded(String rule, String subject, boolean breached, double magnitude, Measure measure,
                                 double value, Supplier<Wording> words) {
        return new Finding(rule, subject, breached, magnitude, measure, value, Objects.requireNonNull(words, "words"));
    }

    @JsonProperty("rule")
    public String rule() {
        return rule;
    }

    @JsonProperty("subject")
    public String subject() {
        return subject;
    }

    @JsonProperty("breached")
    public boolean breached() {
        return breached;
    }

    @JsonProperty("magnitude")
    public double magnitude() {
        return magnitude;
    }

    @JsonProperty("measure")
    public Measure measure() {
        return measure;
    }

    @JsonProperty("value")
    public double value() {
        return value;
    }

    @JsonProperty("headline")
    public String headline() {
        return wording().headline();
    }

    @JsonProperty("text")
    public String text() {
        return wording().text();
    }

    @JsonProperty("facts")
    public Map<String, String> facts() {
        return wording().facts();
    }

    /** Synchronized: a finding may be read by the threads of a sweep or a report at once. */
    private synchronized Wording wording() {
        if (wording == null) {
            wording = words.get();
            words = null;
        }
        return wording;
    }

    /** The identity of an alert episode: one per rule and coin. */
    public String key() {
        return key(rule, subject);
    }

    public static String key(String rule, String subject) {
        return subject == null ? rule : rule + ":" + subject;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Finding f && rule.equals(f.rule) && Objects.equals(subject, f.subject) && breached == f.breached
                && Double.compare(magnitude, f.magnitude) == 0 && measure == f.measure
                && Double.compare(value, f.value) == 0 && wording().equals(f.wording());
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, subject, breached, magnitude, measure, value, wording());
    }

    @Override
    public String toString() {
        return "Finding[rule=" + rule + ", subject=" + subject + ", breached=" + breached + ", magnitude=" + magnitude
                + ", measure=" + measure + ", value=" + value + ", " + wording() + "]";
    }
}
