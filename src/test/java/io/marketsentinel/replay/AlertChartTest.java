package io.marketsentinel.replay;

import java.time.ZoneOffset;
import java.time.LocalTime;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.alerting.Digest;
import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.history.Reading;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.rules.RuleSet;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** The picture attached to an alert: drawn from the history the rules saw, small, and only where it says something. */
class AlertChartTest {

    private static final Instant NOW = Instant.parse("2026-02-04T12:00:00Z");
    private static final RuleSet RULES = RuleSet.of(
            new MarketDrawdownRule.Settings(Duration.ofDays(7), 15, OptionalDouble.empty(), Duration.ZERO, 5, 0.5, true),
            new CoinLowRule.Settings(List.of("bitcoin"), Duration.ofDays(30), 30, 5, true, Duration.ofDays(3)));

    /** A week of hourly totals falling from $3.0T to $2.5T, and a year of Bitcoin days with today the lowest since day 40. */
    static History history() {
        List<Reading> totals = new ArrayList<>();
        for (int h = 7 * 24; h >= 0; h--) {
            double fall = (7 * 24 - h) / (7.0 * 24);
            totals.add(new Reading(NOW.minus(Duration.ofHours(h)), 3.0e12 - 0.5e12 * fall + 2e10 * Math.sin(h / 5.0)));
        }
        CoinHistory bitcoin = CoinHistory.empty();
        for (int d = 365; d >= 1; d--) {
            double price = d == 325 ? 59_000 : 70_000 + 20_000 * Math.sin(d / 30.0);
            bitcoin = bitcoin.observe(NOW.minus(Duration.ofDays(d)), price);
        }
        bitcoin = bitcoin.observe(NOW, 60_000);
        return History.of(MarketHistory.of(totals), Map.of("bitcoin", bitcoin));
    }

    static List<Notification> notifications(History history) {
        return new Evaluator(RULES.rules(), Optional.empty()).evaluate(history, AlertLedger.empty(), NOW, List.of("email"))
                .notifications();
    }

    private static Notification of(List<Notification> notifications, String rule) {
        return notifications.stream().filter(n -> n.rule().equals(rule)).findFirst().orElseThrow(
                () -> new AssertionError("the sample history made no " + rule + " notification: " + notifications));
    }

    @Test
    void aDrawdownAndACoinLowEachGetASmallPngOfTheirOwnSeries() throws IOException {
        History history = history();
        List<Notification> made = notifications(history);

        for (String rule : List.of(MarketDrawdownRule.NAME, CoinLowRule.NAME)) {
            byte[] png = AlertChart.png(of(made, rule), history, RULES)
                    .orElseThrow(() -> new AssertionError("no chart for " + rule));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("%s chart decodes as an image", rule).isNotNull();
            assertThat(image.getWidth()).isEqualTo(AlertChart.WIDTH);
            assertThat(png.length).as("%s chart bytes", rule).isLessThan(100 * 1024);
        }
    }

    @Test
    void theDigestShowsTheMarketAgainstTheDrawdownRule() throws IOException {
        History history = history();
        Digest.Settings settings = new Digest.Settings(LocalTime.of(8, 0), ZoneOffset.UTC, Optional.empty(),
                Duration.ofDays(7), 15, Duration.ofDays(30));
        Notification digest = Digest.make(settings, NOW.atZone(ZoneOffset.UTC).toLocalDate(), NOW,
                SentinelState.initial().withHistory(history), List.of("email"));

        byte[] png = AlertChart.png(digest, history, RULES).orElseThrow(() -> new AssertionError("no chart for the digest"));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(AlertChart.WIDTH);
        assertThat(png.length).isLessThan(100 * 1024);
    }

    @Test
    void theDrawdownChartDrawsTheFiringLevelAndTheCoinChartTheLowestSinceDay() {
        History history = history();
        List<Notification> made = notifications(history);
        Notification coinLow = of(made, CoinLowRule.NAME);
        assertThat(coinLow.facts()).containsKey("lowestSince");

        // The same notification drawn without the lowest-since day in view would not be the same picture.
        byte[] withDay = AlertChart.png(coinLow, history, RULES).orElseThrow();
        byte[] drawdown = AlertChart.png(of(made, MarketDrawdownRule.NAME), history, RULES).orElseThrow();
        assertThat(withDay).isNotEqualTo(drawdown);
    }

    @Test
    void aResolvedNoticeAndARuleWithoutAChartGetNone() {
        History history = history();
        Notification drawdown = of(notifications(history), MarketDrawdownRule.NAME);
        Notification resolved = new Notification(drawdown.id(), drawdown.createdAt(), drawdown.rule(), null,
                DecisionKind.RESOLVED, drawdown.headline(), drawdown.text(), drawdown.facts(), drawdown.channels());
        Notification level = new Notification("price-level:bitcoin/1/1", NOW, "price-level", "bitcoin", DecisionKind.NEW,
                "Bitcoin below $60,000", "Bitcoin below $60,000", Map.of(), Map.of());

        assertThat(AlertChart.png(resolved, history, RULES)).isEmpty();
        assertThat(AlertChart.png(level, history, RULES)).isEmpty();
    }

    @Test
    void withoutHistoryToDrawThereIsNoChartRatherThanAnEmptyOne() {
        Notification drawdown = of(notifications(history()), MarketDrawdownRule.NAME);

        assertThat(AlertChart.png(drawdown, History.empty(), RULES)).isEmpty();
    }
}
