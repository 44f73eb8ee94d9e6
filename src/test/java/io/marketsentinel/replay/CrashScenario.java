package io.marketsentinel.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;

/**
 * Makes the synthetic scenario the project ships ({@code src/test/resources/replay/crash-2026.csv}):
 * daily bitcoin prices from 2024-11-01 with one planted low on 2024-11-06, then 60 days of hourly
 * totals and prices in which the market swings by about 5 % until a crash shaped like
 * Jan 29 – Feb 4 2026 takes it from $3,014.7B to $2,547.1B (−$467.6B) and on to about −21 %.
 * Deterministic: run {@code main} to write it again.
 */
public final class CrashScenario {

    public static final LocalDate PLANTED_LOW = LocalDate.parse("2024-11-06");
    public static final Instant HOURLY_FROM = Instant.parse("2025-12-10T00:00:00Z");
    public static final Instant HIGH_AT = Instant.parse("2026-01-29T12:00:00Z");
    public static final Instant CRASH_AT = Instant.parse("2026-02-04T12:00:00Z");
    public static final Instant BOTTOM_AT = Instant.parse("2026-02-05T18:00:00Z");
    public static final Instant END = Instant.parse("2026-02-09T00:00:00Z");
    public static final double HIGH = 3_014.7e9;
    public static final double CRASH = 2_547.1e9;
    public static final double BOTTOM = 2_380.0e9;

    private CrashScenario() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/replay/crash-2026.csv");
        Files.writeString(out, csv(), StandardCharsets.UTF_8);
    }

    public static String csv() {
        StringBuilder out = new StringBuilder("timestamp,total_market_cap_usd,bitcoin_usd\n");
        // Daily bitcoin before the hourly part: flat at $70,000, the planted low, then swings whose
        // troughs all touch $88,000 (the last one on 2025-12-01), so nothing is a multi-month low.
        LocalDate lastTrough = LocalDate.parse("2025-12-01");
        for (LocalDate day = LocalDate.parse("2024-11-01"); day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(HOURLY_FROM);
             day = day.plusDays(1)) {
            double price;
            if (day.isBefore(PLANTED_LOW)) {
                price = 70_000;
            } else if (day.equals(PLANTED_LOW)) {
                price = 67_500;
            } else {
                long sinceTrough = day.toEpochDay() - lastTrough.toEpochDay();
                price = 88_000 + 5_000 * (1 - Math.cos(2 * Math.PI * sinceTrough / 60.0)) / 2;
            }
            out.append(String.format(Locale.ROOT, "%s,,%.2f%n", day.atStartOfDay(ZoneOffset.UTC).toInstant(), price));
        }
        Random noise = new Random(2026);
        Instant rampFrom = Instant.parse("2026-01-28T00:00:00Z");
        double beforeRamp = 0;
        for (Instant t = HOURLY_FROM; t.isBefore(END); t = t.plus(Duration.ofHours(1))) {
            long h = Duration.between(HOURLY_FROM, t).toHours();
            double total;
            double btc;
            if (t.isBefore(rampFrom)) {
                // Ordinary markets: about ±2.4 % around $2,930B over five days, and a little noise.
                total = 2_930e9 + 70e9 * Math.sin(2 * Math.PI * h / 120.0) + (noise.nextDouble() - 0.5) * 16e9;
                btc = 95_000 + 3_000 * Math.sin(2 * Math.PI * h / 150.0) + (noise.nextDouble() - 0.5) * 400;
                beforeRamp = total;
            } else if (t.isBefore(HIGH_AT)) {
                double f = fraction(rampFrom, HIGH_AT, t);
                total = beforeRamp + (HIGH - beforeRamp) * f;
                btc = 95_000 + 2_000 * f;
            } else if (!t.isAfter(CRASH_AT)) {
                double f = fraction(HIGH_AT, CRASH_AT, t);
                total = HIGH + (CRASH - HIGH) * f - Math.abs(Math.sin(h / 3.0)) * 6e9 * f * (1 - f);
                btc = 97_000 + (72_000 - 97_000) * f;
            } else if (!t.isAfter(BOTTOM_AT)) {
                double f = fraction(CRASH_AT, BOTTOM_AT, t);
                total = CRASH + (BOTTOM - CRASH) * f;
                btc = 72_000 + (67_900 - 72_000) * f;
            } else {
                double f = fraction(BOTTOM_AT, END, t);
                total = BOTTOM + (2_650e9 - BOTTOM) * f;
                btc = 67_900 + (75_000 - 67_900) * f;
            }
            out.append(String.format(Locale.ROOT, "%s,%.0f,%.2f%n", t, total, btc));
        }
        return out.toString();
    }

    private static double fraction(Instant from, Instant to, Instant t) {
        return (double) Duration.between(from, t).toMinutes() / Duration.between(from, to).toMinutes();
    }
}
