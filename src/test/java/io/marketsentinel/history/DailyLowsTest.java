package io.marketsentinel.history;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The day series answers every question as a plain sorted map walked back day by day would. */
class DailyLowsTest {

    private static Optional<LocalDate> walkedBack(TreeMap<LocalDate, Double> series, LocalDate today, double price) {
        for (Map.Entry<LocalDate, Double> e : series.headMap(today, false).descendingMap().entrySet()) {
            if (e.getValue() <= price) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    @Test
    void aThousandDaysOfRandomPricesSeenRowByRowAgreeWithASortedMapOnEveryQuestion() {
        Random random = new Random(7);
        TreeMap<LocalDate, Double> expected = new TreeMap<>();
        DailyLows lows = DailyLows.EMPTY;
        LocalDate day = LocalDate.parse("2023-01-01");
        for (int row = 0; row < 6000; row++) {
            if (random.nextInt(6) == 0) {
                day = day.plusDays(1 + random.nextInt(2)); // gaps happen
            }
            // Now and then a late price for an earlier day, as an import brings.
            LocalDate at = random.nextInt(50) == 0 && !expected.isEmpty() ? expected.firstKey().plusDays(random.nextInt(30)) : day;
            double price = 10_000 + random.nextInt(90_000);
            expected.merge(at, price, Math::min);
            lows = lows.observe(at, price);

            double asked = 10_000 + random.nextInt(90_000);
            LocalDate today = random.nextInt(20) == 0 ? day.minusDays(random.nextInt(100)) : day.plusDays(random.nextInt(2));
            assertThat(lows.lowestSince(today, asked)).as("lowest since, row %d, today %s, price %s", row, today, asked)
                    .isEqualTo(walkedBack(expected, today, asked));
            assertThat(lows.on(at)).contains(expected.get(at));
        }
        assertThat(lows.asMap()).isEqualTo(expected);
        assertThat(lows.firstDay()).contains(expected.firstKey());
        assertThat(lows.size()).isEqualTo(expected.size());
    }

    @Test
    void anEmptySeriesHasNoDayAndNoLow() {
        assertThat(DailyLows.EMPTY.isEmpty()).isTrue();
        assertThat(DailyLows.EMPTY.lowestSince(LocalDate.parse("2026-01-01"), 1e9)).isEmpty();
        assertThat(DailyLows.EMPTY.firstDay()).isEmpty();
        assertThat(DailyLows.of(Map.of()).asMap()).isEmpty();
    }
}
