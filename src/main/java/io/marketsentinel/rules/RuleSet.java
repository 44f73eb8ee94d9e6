package io.marketsentinel.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule's settings, as one run evaluates them: the default market drawdown, further drawdown
 * windows by name, coin lows, and — when configured — coin drawdowns and price levels. The live check
 * and the replay build their rules and their history's retention from this, the same way.
 */
public record RuleSet(MarketDrawdownRule.Settings drawdown, Map<String, MarketDrawdownRule.Settings> windows,
                      CoinLowRule.Settings low, Optional<CoinDrawdownRule.Settings> coinDrawdown,
                      Optional<PriceLevelRule.Settings> levels) {

    public RuleSet {
        windows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(windows));
    }

    /** The two rules of the seed, nothing else. */
    public static RuleSet of(MarketDrawdownRule.Settings drawdown, CoinLowRule.Settings low) {
        return new RuleSet(drawdown, Map.of(), low, Optional.empty(), Optional.empty());
    }

    public RuleSet withDrawdown(MarketDrawdownRule.Settings next) {
        return new RuleSet(next, windows, low, coinDrawdown, levels);
    }

    public RuleSet withLow(CoinLowRule.Settings next) {
        return new RuleSet(drawdown, windows, next, coinDrawdown, levels);
    }

    public List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        rules.add(new MarketDrawdownRule(drawdown));
        windows.forEach((name, settings) -> rules.add(MarketDrawdownRule.named(name, settings)));
        rules.add(new CoinLowRule(low));
        coinDrawdown.ifPresent(settings -> rules.add(new CoinDrawdownRule(settings)));
        levels.ifPresent(settings -> rules.add(new PriceLevelRule(settings)));
        return rules;
    }

    /** How much run-resolution market history to keep: what the longest drawdown window needs, no more. */
    public Duration marketRetention() {
        Duration longest = drawdown.retention();
        for (MarketDrawdownRule.Settings w : windows.values()) {
            if (w.retention().compareTo(longest) > 0) {
                longest = w.retention();
            }
        }
        return longest;
    }

    /** How long each coin's hourly highs are kept: what the coin drawdown needs; none without it. */
    public Duration coinRetention() {
        return coinDrawdown.map(CoinDrawdownRule.Settings::retention).orElse(Duration.ZERO);
    }
}
