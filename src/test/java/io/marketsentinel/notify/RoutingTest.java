package io.marketsentinel.notify;

import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.Decision;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.rules.Finding;
import io.marketsentinel.rules.MarketDrawdownRule;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing per channel, as Alertmanager's receivers have it: which rules, and whether resolved notices. */
class RoutingTest {

    private static Notifier channel(String name) {
        return StandInChannels.answering(name, n -> DeliveryResult.delivered("ok"));
    }

    /** Telegram gets everything; PagerDuty pages only on the market drawdown, and resolves its incidents. */
    private final NotificationDispatcher dispatcher = new NotificationDispatcher(
            List.of(channel("telegram"), channel("pagerduty")),
            Map.of("pagerduty", new ChannelRoute(Optional.of(List.of("market-drawdown")), Optional.of(true))),
            Duration.ofDays(1), Clock.systemUTC());

    @Test
    void aRuleGoesOnlyWhereItIsRouted() {
        assertThat(dispatcher.channels("market-drawdown", DecisionKind.NEW, false)).containsExactly("telegram", "pagerduty");
        assertThat(dispatcher.channels("market-drawdown:fast", DecisionKind.ESCALATED, false))
                .as("a rule's name takes its named windows").containsExactly("telegram", "pagerduty");
        assertThat(dispatcher.channels("coin-low", DecisionKind.NEW, false)).containsExactly("telegram");
        assertThat(dispatcher.channels("market-drawdown", DecisionKind.RESOLVED, false))
                .as("resolved notices where the channel asks for them").containsExactly("pagerduty");
        assertThat(dispatcher.channels("market-drawdown", DecisionKind.RESOLVED, true)).containsExactly("telegram", "pagerduty");
    }

    @Test
    void anEpisodeResolvesOnlyOnTheChannelThatWantsResolvedNotices() {
        MarketDrawdownRule rule = new MarketDrawdownRule(new MarketDrawdownRule.Settings(Duration.ofDays(7), 15,
                OptionalDouble.empty(), Duration.ZERO, 5, 0.5, false));
        AlertLedger ledger = AlertLedger.empty();
        Instant t = Instant.parse("2026-02-04T12:00:00Z");

        Decision fired = ledger.decide(rule, finding(16), t, Optional.empty(), dispatcher);
        Decision ended = ledger.decide(rule, finding(2), t.plus(Duration.ofHours(6)), Optional.empty(), dispatcher);

        assertThat(fired.notification().orElseThrow().channels()).containsOnlyKeys("telegram", "pagerduty");
        assertThat(ended.kind()).isEqualTo(DecisionKind.RESOLVED);
        assertThat(ended.notification().orElseThrow().channels()).containsOnlyKeys("pagerduty");
    }

    private static Finding finding(double dropPercent) {
        return new Finding(MarketDrawdownRule.NAME, null, dropPercent >= 15, dropPercent,
                Finding.Measure.PERCENT_BELOW_HIGH, 2.5e12, "Crypto market down " + dropPercent + "%", "text", Map.of());
    }
}
