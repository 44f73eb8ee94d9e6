package io.marketsentinel.bench;

import io.marketsentinel.replay.Observation;
import io.marketsentinel.replay.Replayer;
import io.marketsentinel.testing.DefaultSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Replay throughput on 20 months of hourly totals and bitcoin prices (synthetic, deterministic):
 * rows per second through the replay (history, rules, ledger, outbox), after a warm-up.
 * Run by {@code ./mvnw -Pbench verify}; not a test.
 */
public final class ReplayThroughput {

    private ReplayThroughput() {
    }

    public static List<Observation> twentyMonthsHourly() {
        Random noise = new Random(20);
        List<Observation> rows = new ArrayList<>();
        Instant start = Instant.parse("2024-06-01T00:00:00Z");
        int hours = 20 * 30 * 24;
        for (int h = 0; h < hours; h++) {
            double total = 2.5e12 * (1 + 0.15 * Math.sin(h / 900.0) + 0.05 * Math.sin(h / 70.0) + (noise.nextDouble() - 0.5) / 100);
            double btc = 65_000 * (1 + 0.2 * Math.sin(h / 1100.0) + 0.06 * Math.sin(h / 90.0) + (noise.nextDouble() - 0.5) / 100);
            rows.add(new Observation(start.plus(Duration.ofHours(h)), total, Map.of("bitcoin", btc)));
        }
        return rows;
    }

    /** Rows per second, best of {@code runs} after {@code warmups}. */
    public static double rowsPerSecond(List<Observation> rows, int warmups, int runs) {
        Replayer replayer = new Replayer(new Replayer.Settings(DefaultSettings.drawdown(),
                DefaultSettings.low(List.of("bitcoin")), Optional.empty(), DefaultSettings.guard().settings()));
        for (int i = 0; i < warmups; i++) {
            replayer.run(rows, Optional.empty());
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            replayer.run(rows, Optional.empty());
            best = Math.min(best, System.nanoTime() - t0);
        }
        return rows.size() / (best / 1e9);
    }

    public static void main(String[] args) throws Exception {
        List<Observation> rows = twentyMonthsHourly();
        double cold = rowsPerSecond(rows, 0, 1);
        double warm = rowsPerSecond(rows, 3, 5);
        System.out.printf(Locale.ROOT, "replay throughput, %d hourly rows (20 months): first run %.0f rows/s, warm %.0f rows/s%n",
                rows.size(), cold, warm);
        // The same in a fresh JVM would be the first pass of a user's command; here the 20 months warmed it a little.
        List<Observation> quarterHours = io.marketsentinel.replay.HistoryCsv.read(
                new java.io.StringReader(io.marketsentinel.replay.SyntheticMarket.threeYearsQuarterHourly()), "3y.csv").rows();
        System.out.printf(Locale.ROOT, "replay throughput, %d quarter-hour rows (3 years): warm %.0f rows/s%n",
                quarterHours.size(), rowsPerSecond(quarterHours, 2, 3));
    }
}
