package io.marketsentinel.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "467600000000 | $467.6B",
            "3014700000000 | $3,014.7B",
            "62100.5 | $62,100.50",
            "2500000 | $2.5M",
            "0.000123 | $0.000123"})
    void formatsDollars(double amount, String expected) {
        assertThat(Format.usd(amount)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-01-20 | 2026-02-05 | 16 days",
            "2024-11-06 | 2026-02-05 | 15 months",
            "2023-11-01 | 2026-02-05 | 2 years 3 months"})
    void saysHowLongAgo(String then, String today, String expected) {
        assertThat(Format.age(LocalDate.parse(then), LocalDate.parse(today))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"P7D | 7-day", "PT12H | 12-hour", "PT90M | 90-minute"})
    void labelsWindows(String window, String expected) {
        assertThat(Format.windowLabel(Duration.parse(window))).isEqualTo(expected);
    }
}
