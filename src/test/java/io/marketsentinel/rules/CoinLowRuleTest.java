package io.marketsentinel.rules;

import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CoinLowRuleTest {

    private static final Instant NOW = Instant.parse("2026-02-05T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-02-05");
    private final CoinLowRule rule = new CoinLowRule(DefaultSettings.low(List.of("bitcoin")));

    /** A daily series from {@code start} for {@code days} days at {@code price}, with today's reading. */
    private static History history(LocalDate start, int days, double price, Map<LocalDate, Double> overrides,
                                   double today) {
        Map<LocalDate, Double> lows = new LinkedHashMap<>();
        for (int i = 0; i < days; i++) {
            lows.put(start.plusDays(i), price);
        }
        lows.putAll(overrides);
        CoinHistory coin = CoinHistory.of(lows, null, null).observe(NOW, today);
        return History.of(MarketHistory.empty(), Map.of("bitcoin", coin));
    }

    private Finding evaluate(History history) {
        List<Finding> findings = rule.evaluate(history, NOW);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void findsTheLatestEarlierDayAtOrBelowThePriceAndFiresWhenItIsMonthsBack() {
        // 15 months of prices at 100k, with one day at 62k on 2024-11-06: today's 62.1k is the lowest since then.
        History h = history(LocalDate.parse("2024-10-01"), 492, 100_000, Map.of(LocalDate.parse("2024-11-06"), 62_000.0), 62_100);
        Finding f = evaluate(h);
        assertThat(f.breached()).isTrue();
        assertThat(f.facts()).containsEntry("lowestSince", "2024-11-06").containsEntry("lowestSinceAge", "15 months");
        assertThat(f.headline()).isEqualTo("Bitcoin at $62,100.00, lowest since 2024-11-06 (15 months)");
    }

    @Test
    void theTextIsTheSameWhateverTheMachinesLocale() {
        // Below every day of a 120-day history: the headline counts the days with %d.
        History h = history(TODAY.minusDays(120), 120, 100_000, Map.of(), 50_000);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            Finding f = evaluate(h);
            assertThat(f.headline()).isEqualTo("Bitcoin at $50,000.00, lowest in 120 days of history");
            assertThat(f.facts()).as("the same in every channel's fields, never the first day as a lowest-since")
                    .doesNotContainKey("lowestSince").containsEntry("lowestSinceAge", "lowest in 120 days of history");
            assertThat(f.text()).doesNotMatch("(?s).*[\u0660-\u0669].*");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void anEqualPriceCountsAsThatLow() {
        History h = history(LocalDate.parse("2025-01-01"), 400, 100_000, Map.of(LocalDate.parse("2025-09-01"), 62_100.0), 62_100);
        assertThat(evaluate(h).facts()).containsEntry("lowestSince", "2025-09-01");
    }

    @Test
    void aRecentLowDoesNotFire() {
        History h = history(LocalDate.parse("2025-01-01"), 400, 100_000, Map.of(TODAY.minusDays(10), 60_000.0), 62_100);
        Finding f = evaluate(h);
        assertThat(f.breached()).isFalse();
        assertThat(f.facts()).containsEntry("lowestSince", TODAY.minusDays(10).toString());
    }

    @ParameterizedTest(name = "lowestSince {0} days back -> fires: {1}")
    @CsvSource({"89, false", "90, true", "120, true"})
    void firesFromMinAgeOn(int daysBack, boolean fires) {
        History h = history(LocalDate.parse("2024-01-01"), 800, 100_000, Map.of(TODAY.minusDays(daysBack), 50_000.0), 50_000);
        assertThat(evaluate(h).breached()).isEqualTo(fires);
    }

    @Test
    void gapsInTheDailySeriesAreSkipped() {
        Map<LocalDate, Double> lows = new LinkedHashMap<>();
        lows.put(LocalDate.parse("2025-06-01"), 40_000.0);
        lows.put(LocalDate.parse("2025-10-01"), 90_000.0);
        lows.put(TODAY.minusDays(1), 95_000.0);
        CoinHistory coin = CoinHistory.of(lows, null, null).observe(NOW, 45_000);
        Finding f = evaluate(History.of(MarketHistory.empty(), Map.of("bitcoin", coin)));
        assertThat(f.facts()).containsEntry("lowestSince", "2025-06-01");
        assertThat(f.breached()).isTrue();
    }

    @Test
    void belowAllHistoryFiresWhenTheHistorySpansMinAge() {
        History h = history(TODAY.minusDays(120), 120, 100_000, Map.of(), 50_000);
        Finding f = evaluate(h);
        assertThat(f.breached()).isTrue();
        assertThat(f.facts()).containsEntry("beyondHistory", "true");
        assertThat(f.headline()).isEqualTo("Bitcoin at $50,000.00, lowest in 120 days of history");
    }

    @Test
    void belowAllOfAShortHistoryDoesNotFire() {
        History h = history(TODAY.minusDays(30), 30, 100_000, Map.of(), 50_000);
        assertThat(evaluate(h).breached()).isFalse();
    }

    @Test
    void noHistoryBeforeTodayGivesNoFinding() {
        CoinHistory coin = CoinHistory.empty().observe(NOW, 50_000);
        assertThat(rule.evaluate(History.of(MarketHistory.empty(), Map.of("bitcoin", coin)), NOW)).isEmpty();
    }

    @Test
    void anUnwatchedCoinIsIgnoredAndAWatchedCoinWithoutPriceGivesNothing() {
        assertThat(rule.evaluate(History.empty(), NOW)).isEmpty();
    }

    @Test
    void escalatesWhenLowestSinceMovesBackThirtyDaysMore() {
        Finding alerted = finding(LocalDate.parse("2025-10-01"), 60_000);
        assertThat(rule.escalates(finding(LocalDate.parse("2025-09-02"), 59_000), alerted)).isFalse();
        assertThat(rule.escalates(finding(LocalDate.parse("2025-09-01"), 58_000), alerted)).isTrue();
    }

    @Test
    void recoversTenPercentAboveTheAlertedLow() {
        Finding alerted = finding(LocalDate.parse("2025-10-01"), 60_000);
        assertThat(rule.recovered(finding(TODAY, 65_999), alerted)).isFalse();
        assertThat(rule.recovered(finding(TODAY, 66_000), alerted)).isTrue();
    }

    private static Finding finding(LocalDate lowestSince, double price) {
        return new Finding(CoinLowRule.NAME, "bitcoin", true, lowestSince.toEpochDay(), Finding.Measure.LOWEST_SINCE_EPOCH_DAY, price, "h", "t", Map.of());
    }
}
