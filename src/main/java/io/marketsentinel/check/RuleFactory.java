package io.marketsentinel.check;

import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.rules.Rule;

import java.time.Duration;
import java.util.List;

/** Builds the rules from the configuration; the rules themselves know nothing of it. */
public final class RuleFactory {

    private RuleFactory() {
    }

    public static List<Rule> fromConfig(SentinelConfig config) {
        SentinelConfig.Drawdown d = config.rules().drawdown();
        SentinelConfig.Low low = config.rules().low();
        return List.of(
                new MarketDrawdownRule(new MarketDrawdownRule.Settings(d.window(), d.percent(), d.usd(), d.holdFor(),
                        d.escalationStep(), d.resolveRatio(), d.sendResolved())),
                new CoinLowRule(new CoinLowRule.Settings(config.coins(), low.minAge(), low.escalationStep().toDays(),
                        low.recoveryPercent(), low.sendResolved())));
    }

    /** How much run-resolution market history to keep: the drawdown window plus a day. */
    public static Duration marketRetention(SentinelConfig config) {
        return config.rules().drawdown().window().plus(Duration.ofDays(1));
    }
}
