package io.marketsentinel.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryCsvTest {

    private static HistoryCsv.Parsed read(String text) throws Exception {
        return HistoryCsv.read(new StringReader(text), "h.csv");
    }

    @Test
    void readsIsoAndUnixTimesAndTreatsEmptyCellsAsNoObservation() throws Exception {
        HistoryCsv.Parsed p = read("""
                timestamp,total_market_cap_usd,bitcoin_usd,ethereum_usd
                2026-02-04T12:00:00Z,3014700000000,,
                1770210000,,97000.5,
                1770213600000,2900000000000,96000,2100
                2026-02-04T16:00:00+01:00,2800000000000,95000,2000
                """);
        assertThat(p.coins()).containsExactly("bitcoin", "ethereum");
        assertThat(p.rows()).extracting(Observation::time).containsExactly(
                Instant.parse("2026-02-04T12:00:00Z"), Instant.parse("2026-02-04T13:00:00Z"),
                Instant.parse("2026-02-04T14:00:00Z"), Instant.parse("2026-02-04T15:00:00Z"));
        assertThat(p.rows().get(0).prices()).isEmpty();
        assertThat(p.rows().get(1).totalMarketCapUsd()).isNull();
        assertThat(p.rows().get(1).prices()).containsOnlyKeys("bitcoin");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unparseable number  | timestamp,bitcoin_usd\\n2026-01-01T00:00:00Z,12o00      | h.csv: line 2, column 'bitcoin_usd', value '12o00': not a number",
            "negative value      | timestamp,bitcoin_usd\\n2026-01-01T00:00:00Z,-5         | h.csv: line 2, column 'bitcoin_usd', value '-5': negative",
            "unknown column      | timestamp,bitcoin_usd,price\\n2026-01-01T00:00:00Z,1,2  | h.csv: line 1, column 'price': unknown or repeated column",
            "out of order        | timestamp,bitcoin_usd\\n2026-01-02T00:00:00Z,1\\n2026-01-01T00:00:00Z,1 | h.csv: line 3, column 'timestamp', value '2026-01-01T00:00:00Z': before the previous row's",
            "duplicate timestamp | timestamp,bitcoin_usd\\n2026-01-01T00:00:00Z,1\\n1767225600,2 | h.csv: line 3, column 'timestamp', value '2026-01-01T00:00:00Z': duplicate timestamp",
            "bad timestamp       | timestamp,bitcoin_usd\\n2026-01-01 00:00,1              | h.csv: line 2, column 'timestamp', value '2026-01-01 00:00': not a date",
            "missing timestamp   | timestamp,bitcoin_usd\\n,1                              | h.csv: line 2, column 'timestamp': missing timestamp",
            "wrong first column  | time,bitcoin_usd\\n2026-01-01T00:00:00Z,1             | h.csv: line 1, column 'time': the first column must be 'timestamp'",
            "too many cells      | timestamp,bitcoin_usd\\n2026-01-01T00:00:00Z,1,2        | h.csv: line 2: has 3 cells, the header 2",
            "no rows             | timestamp,bitcoin_usd                                   | h.csv: line 1: no rows after the header"})
    void badInputNamesTheLineAndColumn(String name, String text, String message) {
        assertThatThrownBy(() -> read(text.replace("\\n", "\n"))).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void readsWhatSpreadsheetsExportQuotesCrlfAByteOrderMarkDatesAndUnixTimes() throws Exception {
        HistoryCsv.Parsed p = read("\uFEFFtimestamp,\"total_market_cap_usd\",bitcoin_usd\r\n"
                + "2024-06-01,\"2300000000000\",\"67500.5\"\r\n"
                + "1717286400,,68000\r\n"
                + "1717372800000,2400000000000,\r\n");
        assertThat(p.rows()).extracting(Observation::time).containsExactly(Instant.parse("2024-06-01T00:00:00Z"),
                Instant.parse("2024-06-02T00:00:00Z"), Instant.parse("2024-06-03T00:00:00Z"));
        assertThat(p.rows().get(0).prices()).containsEntry("bitcoin", 67_500.5);
        assertThat(p.rows().get(1).totalMarketCapUsd()).isNull();
        assertThat(p.rows().get(2).prices()).isEmpty();
    }

    @Test
    void reportsEveryBadRowNotJustTheFirstAndRefusesShortRows() {
        assertThatThrownBy(() -> read("timestamp,total_market_cap_usd,bitcoin_usd\n"
                + "2026-01-01T00:00:00Z,3e12,x\n"
                + "2026-01-02T00:00:00Z,3e12\n"
                + "2026-01-03T00:00:00Z,-1,60000\n"
                + "2026-01-04T00:00:00Z,3e12,60000\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("line 2, column 'bitcoin_usd', value 'x': not a number")
                .hasMessageContaining("line 3: has 2 cells, the header 3")
                .hasMessageContaining("line 4, column 'total_market_cap_usd', value '-1': negative");
    }

    @Test
    void listsTwentyProblemsAndCountsTheRest() {
        StringBuilder text = new StringBuilder("timestamp,bitcoin_usd\n");
        for (int i = 0; i < 30; i++) {
            text.append("2026-01-").append(String.format("%02d", i + 1)).append("T00:00:00Z,bad\n");
        }
        assertThatThrownBy(() -> read(text.toString())).hasMessageContaining("30 problems").hasMessageContaining("and 10 more");
    }
}
