package io.marketsentinel.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Twenty months of hourly totals and bitcoin prices (Jul 2024 – Feb 2026) with realistic noise —
 * about 0.5 % an hour around a slowly moving trend, bitcoin following the market with its own
 * noise — two real
 * crashes shaped like the record's (Aug 5 2024: −18 % within a day; Jan 29 – Feb 5 2026: −15.6 %
 * within a day inside a −20 % week), and a handful of glitch rows of the shapes public feeds serve:
 * three readings 95 % low, one reading at twice the total, one-reading dips of −9 %, −11 % and
 * −13.5 %, a bitcoin price of $1 and one at twice its value. Deterministic (seeded).
 */
public final class SyntheticMarket {

    public static final Instant FROM = Instant.parse("2024-07-01T00:00:00Z");
    public static final Instant TO = Instant.parse("2026-03-01T00:00:00Z");
    public static final Instant AUGUST_CRASH = Instant.parse("2024-08-04T18:00:00Z");
    public static final Instant FEBRUARY_CRASH = Instant.parse("2026-02-04T00:00:00Z");

    /** Each glitch: when, and the factor the true value is multiplied by (null: bitcoin = $1). */
    public static final Map<Instant, double[]> GLITCHES = new LinkedHashMap<>();

    static {
        // {total factor, bitcoin factor}
        GLITCHES.put(Instant.parse("2025-03-10T04:00:00Z"), new double[] {0.05, 1});
        GLITCHES.put(Instant.parse("2025-03-10T05:00:00Z"), new double[] {0.05, 1});
        GLITCHES.put(Instant.parse("2025-03-10T06:00:00Z"), new double[] {0.05, 1});
        GLITCHES.put(Instant.parse("2025-05-20T12:00:00Z"), new double[] {2.0, 1});
        GLITCHES.put(Instant.parse("2025-06-11T09:00:00Z"), new double[] {0.91, 1});
        GLITCHES.put(Instant.parse("2025-09-02T15:00:00Z"), new double[] {0.89, 1});
        GLITCHES.put(Instant.parse("2025-11-18T21:00:00Z"), new double[] {0.865, 1});
        GLITCHES.put(Instant.parse("2025-08-15T09:00:00Z"), new double[] {1, 0});
        GLITCHES.put(Instant.parse("2025-10-01T03:00:00Z"), new double[] {1, 2.0});
    }

    private SyntheticMarket() {
    }

    /** Three years of quarter-hours (105,216 rows): the size of a user's own recorded history. */
    public static String threeYearsQuarterHourly() {
        return csv(Instant.parse("2023-03-01T00:00:00Z"), TO, Duration.ofMinutes(15));
    }

    /** {@code [FILE]} the twenty hourly months; {@code --three-years FILE} the quarter-hourly three years. */
    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--three-years")) {
            Files.writeString(Path.of(args[1]), threeYearsQuarterHourly(), StandardCharsets.UTF_8);
            return;
        }
        Files.writeString(Path.of(args.length > 0 ? args[0] : "target/synthetic-20-months.csv"), csv(), StandardCharsets.UTF_8);
    }

    public static String csv() {
        return csv(FROM, TO, Duration.ofHours(1));
    }

    /**
     * The same market at another resolution and span ({@code step} scales the noise and the pull back to
     * the trend, so a quarter-hour series wanders as the hourly one does); hourly from {@link #FROM} to
     * {@link #TO} is {@link #csv()} exactly.
     */
    public static String csv(Instant from, Instant to, Duration step) {
        double k = step.toSeconds() / 3600.0;
        double sqrtK = Math.sqrt(k);
        StringBuilder out = new StringBuilder("timestamp,total_market_cap_usd,bitcoin_usd\n");
        Random random = new Random(20_260_204);
        // Log deviations from a slowly moving trend (mean-reverting with a half-life of about two
        // weeks), so that twenty months stay in the range the market was in: $2–3.5T, bitcoin $55–110k.
        double market = 0;
        double coin = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
            double months = Duration.between(FROM, t).toHours() / 730.0;
            double trend = Math.log(2.3e12) + 0.35 * Math.sin(months / 20 * Math.PI) + 0.1 * Math.sin(months / 3 * Math.PI);
            double move = random.nextGaussian() * 0.005 * sqrtK - 0.002 * k * market;
            move += (crash(t, AUGUST_CRASH, 24, -0.18) + crash(t, AUGUST_CRASH.plus(Duration.ofHours(30)), 72, 0.08)) * k;
            move += (crash(t, Instant.parse("2026-01-29T12:00:00Z"), 126, -0.06) + crash(t, FEBRUARY_CRASH, 24, -0.156)) * k;
            market += move;
            coin += random.nextGaussian() * 0.002 * sqrtK - 0.003 * k * coin;
            double total = Math.exp(trend + market);
            double btc = 62_000 * Math.pow(total / 2.3e12, 1.1) * Math.exp(coin);
            double[] glitch = GLITCHES.get(t);
            double shownTotal = glitch == null ? total : total * glitch[0];
            double shownBtc = glitch == null ? btc : glitch[1] == 0 ? 1.0 : btc * glitch[1];
            out.append(String.format(Locale.ROOT, "%s,%.0f,%.2f%n", t, shownTotal, shownBtc));
        }
        return out.toString();
    }

    /** The hourly log-return that spreads a move of {@code fraction} evenly over {@code hours} from {@code start}. */
    private static double crash(Instant t, Instant start, int hours, double fraction) {
        boolean inside = !t.isBefore(start) && t.isBefore(start.plus(Duration.ofHours(hours)));
        return inside ? Math.log(1 + fraction) / hours : 0;
    }
}
