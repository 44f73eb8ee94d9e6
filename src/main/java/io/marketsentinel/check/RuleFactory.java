package io.marketsentinel.check;

import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.history.ReadingGuard;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.rules.Rule;

import java.time.Duration;
import java.util.List;

/**
 * Builds the rules from the configuration; the rules themselves know nothing of it, and their
 * defaults live in one place only, the configuration's {@code @WithDefault}s.
 */
public final class RuleFactory {

    private RuleFactory() {
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
}
