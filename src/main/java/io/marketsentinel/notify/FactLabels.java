package io.marketsentinel.notify;

import java.util.Map;

/** How the facts of a finding are labelled for people ("windowHigh" reads "7-day high"). */
public final class FactLabels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("totalMarketCap", "Total market cap"),
            Map.entry("at", "Reading at"),
            Map.entry("drop", "Drop from high"),
            Map.entry("dropPercent", "Drop (%)"),
            Map.entry("windowHigh", "Window high"),
            Map.entry("windowHighAt", "High at"),
            Map.entry("windowStart", "Window start"),
            Map.entry("windowStartAt", "Start at"),
            Map.entry("changeSinceWindowStart", "Change since start"),
            Map.entry("historyUsed", "History used"),
            Map.entry("coin", "Coin"),
            Map.entry("price", "Price"),
            Map.entry("lowestSince", "Lowest since"),
            Map.entry("lowestSinceAge", "That is"),
            Map.entry("historyStart", "History from"),
            Map.entry("beyondHistory", "Below all history"),
            Map.entry("threshold", "Threshold"));

    private FactLabels() {
    }

    public static String label(String fact) {
        String label = LABELS.get(fact);
        if (label != null) {
            return label;
        }
        String spaced = fact.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** Facts shown in the context line rather than as fields. */
    public static boolean isContext(String fact) {
        return fact.equals("threshold") || fact.equals("at") || fact.equals("historyStart")
                || fact.equals("beyondHistory") || fact.equals("coin");
    }
}
