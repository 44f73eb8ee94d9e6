package io.marketsentinel.replay;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryImportTest {

    private static HistoryCsv.Parsed csv(String text) throws Exception {
        return HistoryCsv.read(new StringReader(text), "import.csv");
    }

    @Test
    void addsMissingDaysKeepsStoredOnesAndReportsConflicts() throws Exception {
        CoinHistory stored = CoinHistory.of(Map.of(LocalDate.parse("2025-01-02"), 95_000.0,
                LocalDate.parse("2025-01-03"), 96_000.0), null, null);
        SentinelState state = SentinelState.initial().withHistory(History.of(MarketHistory.empty(), Map.of("bitcoin", stored)));

        HistoryImport.Outcome outcome = HistoryImport.merge(state, csv("""
                timestamp,bitcoin_usd
                2025-01-01T00:00:00Z,94000
                2025-01-01T12:00:00Z,93000
                2025-01-02T00:00:00Z,95000
                2025-01-03T00:00:00Z,97000
                """), Duration.ofDays(8), DefaultSettings.guard());

        assertThat(outcome.state().history().coin("bitcoin").dailyLows()).isEqualTo(new java.util.TreeMap<>(Map.of(
                LocalDate.parse("2025-01-01"), 93_000.0, LocalDate.parse("2025-01-02"), 95_000.0,
                LocalDate.parse("2025-01-03"), 96_000.0)));
        assertThat(outcome.daysAdded()).containsEntry("bitcoin", 1);
        assertThat(outcome.daysKept()).containsEntry("bitcoin", 2);
        assertThat(outcome.conflicts()).extracting(Object::toString)
                .containsExactly("bitcoin 2025-01-03: kept $96,000.00, file has $97,000.00");
        assertThat(outcome.summary()).contains("1 conflicting value(s), stored ones kept");
    }

    @Test
    void totalsAreKeptOnlyForTheDrawdownWindowPlusADay() throws Exception {
        StringBuilder text = new StringBuilder("timestamp,total_market_cap_usd\n");
        for (int day = 1; day <= 20; day++) {
            text.append(String.format("2026-01-%02dT00:00:00Z,%d%n", day, 3_000_000_000_000L + day));
        }
        HistoryImport.Outcome outcome = HistoryImport.merge(SentinelState.initial(), csv(text.toString()), Duration.ofDays(8), DefaultSettings.guard());
        assertThat(outcome.state().history().market().points()).hasSize(9);
        assertThat(outcome.marketPointsKept()).isEqualTo(9);
    }
}
