package io.marketsentinel.testing;

import io.marketsentinel.app.RuleSettings;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.history.ReadingGuard;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The rules' settings as the configuration's defaults make them: the tests use the one set of defaults. */
public final class DefaultSettings {

    private DefaultSettings() {
    }

    public static SentinelConfig config(Map<String, String> values) {
        // Quarkus' duration converter, as the function has it: 7d is a duration there, not only P7D.
        return new SmallRyeConfigBuilder().withMapping(SentinelConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 400)).build()
                .getConfigMapping(SentinelConfig.class);
    }

    public static MarketDrawdownRule.Settings drawdown() {
        return RuleSettings.drawdown(config(Map.of()));
    }

    public static ReadingGuard guard() {
        return RuleSettings.guard(config(Map.of()));
    }

    /**
     * A guard that refuses only absurd values and takes every jump: for the tests of the rules, the
     * ledger and delivery, which drive instantaneous drops on purpose. The guard's own behaviour is
     * tested at its defaults (ReadingGuardTest, GuardedHistoryTest, GuardedChecksJvmIT).
     */
    public static ReadingGuard permissiveGuard() {
        return RuleSettings.guard(config(Map.of("sentinel.guard.step-percent", "1000", "sentinel.guard.max-percent", "1000")));
    }

    public static CoinLowRule.Settings low(List<String> coins) {
        return RuleSettings.low(config(Map.of("sentinel.coins", String.join(",", coins))));
    }
}
