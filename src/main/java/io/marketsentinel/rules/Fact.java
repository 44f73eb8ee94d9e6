package io.marketsentinel.rules;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The figures a finding reports, each with the key it is stored under, the label people read, and
 * whether it belongs in a message's context line rather than among its fields. Facts travel as a
 * {@code Map<String, String>} (keys in this order, values already formatted) so that stored
 * notifications stay readable when a fact is added; code reads them through these constants.
 */
public enum Fact {
    TOTAL_MARKET_CAP("totalMarketCap", "Total market cap", false),
    AT("at", "Reading at", true),
    DROP("drop", "Drop from high", false),
    DROP_PERCENT("dropPercent", "Drop (%)", false),
    WINDOW_HIGH("windowHigh", "Window high", false),
    WINDOW_HIGH_AT("windowHighAt", "High at", false),
    WINDOW_START("windowStart", "Window start", false),
    WINDOW_START_AT("windowStartAt", "Start at", false),
    CHANGE_SINCE_WINDOW_START("changeSinceWindowStart", "Change since start", false),
    HISTORY_USED("historyUsed", "History used", false),
    COIN("coin", "Coin", true),
    PRICE("price", "Price", false),
    LOWEST_SINCE("lowestSince", "Lowest since", false),
    LOWEST_SINCE_AGE("lowestSinceAge", "That is", false),
    HISTORY_START("historyStart", "History from", true),
    BEYOND_HISTORY("beyondHistory", "Below all history", true),
    THRESHOLD("threshold", "Threshold", true);

    private final String key;
    private final String label;
    private final boolean context;

    Fact(String key, String label, boolean context) {
        this.key = key;
        this.label = label;
        this.context = context;
    }

    public String key() {
        return key;
    }

    /** This fact's value in {@code facts}, if it is there. */
    public Optional<String> in(Map<String, String> facts) {
        return Optional.ofNullable(facts.get(key));
    }

    /** The label for a stored fact key; an unknown key (from a newer version) is spelled out. */
    public static String label(String key) {
        for (Fact f : values()) {
            if (f.key.equals(key)) {
                return f.label;
            }
        }
        String spaced = key.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** Whether a stored fact key belongs in the context line rather than among the fields. */
    public static boolean isContext(String key) {
        for (Fact f : values()) {
            if (f.key.equals(key)) {
                return f.context;
            }
        }
        return false;
    }
}
