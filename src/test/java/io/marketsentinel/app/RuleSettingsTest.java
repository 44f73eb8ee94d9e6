package io.marketsentinel.app;

import io.marketsentinel.config.InvalidConfigurationException;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.config.StartFailure;
import io.marketsentinel.rules.Rule;
import io.marketsentinel.rules.RuleSet;
import io.marketsentinel.testing.DefaultSettings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every rule setting read in one place, as the configuration and its environment variables give them. */
class RuleSettingsTest {

    @Test
    void theDefaultsAreTheTwoRulesOfTheSeedAndNothingElse() {
        RuleSet rules = RuleSettings.ruleSet(DefaultSettings.config(Map.of()), List.of("bitcoin"));
        assertThat(rules.rules()).extracting(Rule::name).containsExactly("market-drawdown", "coin-low");
        assertThat(rules.marketRetention()).isEqualTo(Duration.ofDays(8));
        assertThat(rules.coinRetention()).isZero();
    }

    @Test
    void namedWindowsCoinDrawdownsAndLevelsAreRulesOfTheirOwnAndTheHistoryKeepsWhatTheLongestNeeds() {
        RuleSet rules = RuleSettings.ruleSet(DefaultSettings.config(Map.of(
                "sentinel.coins", "bitcoin,ethereum",
                "sentinel.rules.drawdowns.fast.window", "1d",
                "sentinel.rules.drawdowns.fast.percent", "10",
                "sentinel.rules.drawdowns.month.window", "P30D",
                "sentinel.rules.drawdowns.month.percent", "30",
                "sentinel.rules.coin-drawdown.percent", "20",
                "sentinel.rules.levels", "bitcoin<60000,ethereum>5000")), List.of("bitcoin", "ethereum"));

        assertThat(rules.rules()).extracting(Rule::name).containsExactly("market-drawdown", "market-drawdown:fast",
                "market-drawdown:month", "coin-low", "coin-drawdown", "price-level");
        assertThat(rules.marketRetention()).as("the longest window, a day of margin").isEqualTo(Duration.ofDays(31));
        assertThat(rules.coinRetention()).isEqualTo(Duration.ofDays(7).plusHours(1));
        assertThat(rules.levels().orElseThrow().rearmPercent()).isEqualTo(2);
    }

    @Test
    void aNamedWindowIsSetByItsEnvironmentVariablesAsTheStackSetsIt() {
        SentinelConfig config = new SmallRyeConfigBuilder().withMapping(SentinelConfig.class)
                .withSources(new EnvConfigSource(Map.of("SENTINEL_RULES_DRAWDOWNS_FAST_WINDOW", "P1D",
                        "SENTINEL_RULES_DRAWDOWNS_FAST_PERCENT", "10", "SENTINEL_RULES_LEVELS", "bitcoin<60000"), 300))
                .build().getConfigMapping(SentinelConfig.class);
        RuleSet rules = RuleSettings.ruleSet(config, List.of("bitcoin"));
        assertThat(rules.windows()).containsOnlyKeys("fast");
        assertThat(rules.windows().get("fast").window()).isEqualTo(Duration.ofDays(1));
        assertThat(rules.windows().get("fast").percent()).isEqualTo(10);
        assertThat(rules.levels().orElseThrow().levels()).hasSize(1);
    }

    @Test
    void badLevelsStopTheStartWithASentenceNamingEachEntry() {
        assertThatThrownBy(() -> RuleSettings.ruleSet(DefaultSettings.config(Map.of("sentinel.coins", "bitcoin",
                "sentinel.rules.levels", "bitcoin<,btc<<1,bitcoin<0,ethereum>5000")), List.of("bitcoin")))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(StartFailure.sentences(e, "--debug")).containsExactly(
                        "configuration error: sentinel.rules.levels (SENTINEL_RULES_LEVELS): 'bitcoin<' is not a level: "
                                + "write coin<price or coin>price, e.g. bitcoin<60000",
                        "configuration error: sentinel.rules.levels (SENTINEL_RULES_LEVELS): 'btc<<1' is not a level: "
                                + "write coin<price or coin>price, e.g. bitcoin<60000",
                        "configuration error: sentinel.rules.levels (SENTINEL_RULES_LEVELS): 'bitcoin<0' is not a level: "
                                + "the price must be above 0",
                        "configuration error: sentinel.rules.levels (SENTINEL_RULES_LEVELS): 'ethereum>5000' names "
                                + "ethereum, which is not watched (sentinel.coins = bitcoin)"));
    }
}
