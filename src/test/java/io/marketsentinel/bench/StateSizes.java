package io.marketsentinel.bench;

import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.history.Reading;
import io.marketsentinel.store.StateCodec;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored state's size as the state grows: three years of 15-minute runs (daily prices per coin
 * for three years, the drawdown window's run-resolution totals), 50 dead letters and a stored
 * report, for 1, 5 and 20 coins, as the store writes it ({@link StateCodec#encodeWithinBudget}).
 * Part of the benchmark; {@code main} prints it alone.
 */
public final class StateSizes {

    private StateSizes() {
    }

    public static void main(String[] args) {
        System.out.println(threeYearsWithFiftyDeadLetters());
        System.out.println("with coin drawdowns (7-day hourly highs): " + threeYearsWithCoinDrawdowns());
    }

    /** "a KB / b KB / c KB" for 1, 5 and 20 coins. */
    static String threeYearsWithFiftyDeadLetters() {
        List<String> sizes = new ArrayList<>();
        for (int coins : new int[] {1, 5, 20}) {
            sizes.add(String.format(Locale.ROOT, "%.1f KB", size(coins, 3, 50, false) / 1024.0));
        }
        return String.join(" / ", sizes);
    }

    /** The same with each coin's 7-day hourly highs kept for the coin drawdown. */
    static String threeYearsWithCoinDrawdowns() {
        List<String> sizes = new ArrayList<>();
        for (int coins : new int[] {1, 5, 20}) {
            sizes.add(String.format(Locale.ROOT, "%.1f KB", size(coins, 3, 50, true) / 1024.0));
        }
        return String.join(" / ", sizes);
    }

    static int size(int coinCount, int years, int deadLetters) {
        return size(coinCount, years, deadLetters, false);
    }

    static int size(int coinCount, int years, int deadLetters, boolean hourlyHighs) {
        Instant end = Instant.parse("2027-02-01T00:00:00Z");
        LocalDate today = CoinHistory.dayOf(end);
        Map<String, CoinHistory> coins = new TreeMap<>();
        for (int c = 0; c < coinCount; c++) {
            Map<LocalDate, Double> days = new LinkedHashMap<>();
            for (int d = years * 365; d >= 1; d--) {
                // CoinGecko's prices: a few significant digits beyond the cents of a large price.
                days.put(today.minusDays(d), 1234.567890123 * (c + 1) * (1 + 0.3 * Math.sin(d / 40.0)));
            }
            Map<Instant, Double> highs = new TreeMap<>();
            if (hourlyHighs) {
                for (int h = 7 * 24; h >= 0; h--) {
                    highs.put(end.minus(Duration.ofHours(h)), 1500.123456789 * (c + 1) * (1 + 0.05 * Math.sin(h / 7.0)));
                }
            }
            coins.put("coin-" + c, CoinHistory.of(days, 1500.123456789 * (c + 1), end, null, highs));
        }
        List<Reading> points = new ArrayList<>();
        for (Instant t = end.minus(Duration.ofDays(8)); t.isBefore(end); t = t.plus(Duration.ofMinutes(15))) {
            points.add(new Reading(t, 3.0e12 + t.getEpochSecond() % 9973 * 1e7));
        }
        List<Notification> dead = new ArrayList<>();
        for (int i = 0; i < deadLetters; i++) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("totalMarketCap", "$2,546.5B");
            facts.put("drop", "$468.2B");
            facts.put("dropPercent", "15.5%");
            facts.put("threshold", "15.0% from the 7-day high, held for 15m");
            dead.add(new Notification("market-drawdown/" + (1_700_000_000 + i) + "/1", end.minus(Duration.ofDays(i)),
                    "market-drawdown", null, DecisionKind.NEW, "Crypto market down $468.2B (\u221215.5%) from its 7-day high",
                    "Total crypto market cap is $2,546.5B, $468.2B (15.5%) below its 7-day high of $3,014.7B.", facts,
                    Map.of("slack", ChannelDelivery.pending().dead(end, "Slack webhook answered HTTP 404: channel_not_found", true))));
        }
        String report = "{\"outcome\":\"ok\",\"message\":\"0 new notification(s); 0 send(s) tried, 0 failed\","
                + "\"findings\":[" + "{\"rule\":\"coin-low\",\"headline\":\"x\"},".repeat(coinCount) + "{}]}";
        SentinelState state = new SentinelState(0, History.of(MarketHistory.of(points), coins), List.of(),
                new Outbox(List.of(), dead), end, report);
        return new StateCodec().encodeWithinBudget(state).bytes().length;
    }
}
