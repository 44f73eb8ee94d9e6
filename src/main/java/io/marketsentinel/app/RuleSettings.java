package io.marketsentinel.app;

import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.history.ReadingGuard;
import io.marketsentinel.replay.Replayer;
import io.marketsentinel.config.InvalidConfigurationException;
import io.marketsentinel.rules.CoinDrawdownRule;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.rules.PriceLevelRule;
import io.marketsentinel.rules.Rule;
import io.marketsentinel.rules.RuleSet;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one place a rule or guard setting is read from the configuration: the live check, {@code replay}
 * and {@code import} all take theirs from here. The rules themselves know nothing of the configuration,
 * and their defaults live in one place only, the configuration's {@code @WithDefault}s.
 */
@Singleton
public class RuleSettings {

    public static List<Rule> fromConfig(SentinelConfig config) {
        return ruleSet(config, config.coins()).rules();
    }

    /**
     * Every rule's settings, for the watched coins (or a replay file's).
     *
     * @throws InvalidConfigurationException naming each bad level entry
     */
    public static RuleSet ruleSet(SentinelConfig config, List<String> coins) {
        Map<String, MarketDrawdownRule.Settings> windows = new TreeMap<>();
        config.rules().drawdowns().forEach((name, w) -> windows.put(name, new MarketDrawdownRule.Settings(w.window(),
                w.percent(), w.usd(), w.holdFor(), w.escalationStep(), w.resolveRatio(), w.sendResolved())));
        SentinelConfig.CoinDrawdown cd = config.rules().coinDrawdown();
        Optional<CoinDrawdownRule.Settings> coinDrawdown = cd.percent().isPresent()
                ? Optional.of(new CoinDrawdownRule.Settings(coins, cd.window(), cd.percent().getAsDouble(), cd.holdFor(),
                        cd.escalationStep(), 0.5, cd.sendResolved()))
                : Optional.empty();
        return new RuleSet(drawdown(config), windows, low(config, coins), coinDrawdown, levels(config, coins));
    }

    /** The configured price levels, each entry checked; empty when none is set. */
    static Optional<PriceLevelRule.Settings> levels(SentinelConfig config, List<String> coins) {
        List<String> specs = config.rules().levels().specs().orElse(List.of());
        if (specs.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        List<PriceLevelRule.Level> levels = new ArrayList<>();
        for (String spec : specs) {
            try {
                PriceLevelRule.Level level = PriceLevelRule.Level.parse(spec);
                if (!coins.contains(level.coin())) {
                    problems.add("sentinel.rules.levels: '" + spec + "' names " + level.coin()
                            + ", which is not watched (sentinel.coins = " + String.join(",", coins) + ")");
                } else {
                    levels.add(level);
                }
            } catch (IllegalArgumentException e) {
                problems.add("sentinel.rules.levels: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return Optional.of(new PriceLevelRule.Settings(levels, config.rules().levels().rearmPercent(),
                config.rules().levels().sendResolved()));
    }

    public static MarketDrawdownRule.Settings drawdown(SentinelConfig config) {
        SentinelConfig.Drawdown d = config.rules().drawdown();
        return new MarketDrawdownRule.Settings(d.window(), d.percent(), d.usd(), d.holdFor(), d.escalationStep(),
                d.resolveRatio(), d.sendResolved());
    }

    public static CoinLowRule.Settings low(SentinelConfig config) {
        return low(config, config.coins());
    }

    private static CoinLowRule.Settings low(SentinelConfig config, List<String> coins) {
        SentinelConfig.Low low = config.rules().low();
        return new CoinLowRule.Settings(coins, low.minAge(), low.escalationStep().toDays(),
                low.recoveryPercent(), low.sendResolved(), low.staleAfter(), low.newsPercent());
    }

    public static ReadingGuard guard(SentinelConfig config) {
        SentinelConfig.Guard g = config.guard();
        return new ReadingGuard(new ReadingGuard.Settings(g.totalMin(), g.totalMax(), g.priceMin(), g.priceMax(),
                g.stepPercent(), g.percentPerSqrtHour(), g.maxPercent(), g.confirmAfter()));
    }

    /** How much run-resolution market history to keep, as the longest drawdown window needs it. */
    public static Duration marketRetention(SentinelConfig config) {
        return ruleSet(config, config.coins()).marketRetention();
    }

    /** The configured settings for a replay of {@code coins} (the file's), which its options may override. */
    public static Replayer.Settings replay(SentinelConfig config, List<String> coins) {
        return new Replayer.Settings(ruleSet(config, coins), config.rules().repeatInterval(), guard(config).settings());
    }

    /** Refuses, at start, rule settings the configuration check cannot read (the price levels' entries). */
    void check(@Observes StartupEvent event, SentinelConfig config) {
        ruleSet(config, config.coins());
    }
}
