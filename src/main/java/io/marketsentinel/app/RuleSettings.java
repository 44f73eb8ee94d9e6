package io.marketsentinel.app;

import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.history.ReadingGuard;
import io.marketsentinel.replay.Replayer;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.rules.Rule;

import java.time.Duration;
import java.util.List;

/**
 * The one place a rule or guard setting is read from the configuration: the live check, {@code replay}
 * and {@code import} all take theirs from here. The rules themselves know nothing of the configuration,
 * and their defaults live in one place only, the configuration's {@code @WithDefault}s.
 */
public final class RuleSettings {

    private RuleSettings() {
    }

    public static List<Rule> fromConfig(SentinelConfig config) {
        return List.of(new MarketDrawdownRule(drawdown(config)), new CoinLowRule(low(config)));
    }

    public static MarketDrawdownRule.Settings drawdown(SentinelConfig config) {
        SentinelConfig.Drawdown d = config.rules().drawdown();
        return new MarketDrawdownRule.Settings(d.window(), d.percent(), d.usd(), d.holdFor(), d.escalationStep(),
                d.resolveRatio(), d.sendResolved());
    }

    public static CoinLowRule.Settings low(SentinelConfig config) {
        SentinelConfig.Low low = config.rules().low();
        return new CoinLowRule.Settings(config.coins(), low.minAge(), low.escalationStep().toDays(),
                low.recoveryPercent(), low.sendResolved(), low.staleAfter());
    }

    public static ReadingGuard guard(SentinelConfig config) {
        SentinelConfig.Guard g = config.guard();
        return new ReadingGuard(new ReadingGuard.Settings(g.totalMin(), g.totalMax(), g.priceMin(), g.priceMax(),
                g.stepPercent(), g.percentPerSqrtHour(), g.maxPercent(), g.confirmAfter()));
    }

    /** How much run-resolution market history to keep, as the drawdown rule needs it. */
    public static Duration marketRetention(SentinelConfig config) {
        return drawdown(config).retention();
    }

    /** The rules with the ledger's repeat interval, as a check and the primer evaluate them. */
    public static Evaluator evaluator(SentinelConfig config) {
        return new Evaluator(fromConfig(config), config.rules().repeatInterval());
    }

    /** The configured settings for a replay of {@code coins} (the file's), which its options may override. */
    public static Replayer.Settings replay(SentinelConfig config, List<String> coins) {
        CoinLowRule.Settings low = low(config);
        return new Replayer.Settings(drawdown(config), new CoinLowRule.Settings(coins, low.minAge(), low.escalationDays(),
                low.recoveryPercent(), low.sendResolved(), low.staleAfter()), config.rules().repeatInterval(),
                guard(config).settings());
    }
}
