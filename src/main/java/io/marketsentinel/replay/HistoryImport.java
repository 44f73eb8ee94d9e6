package io.marketsentinel.replay;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.ImplausibleReadingException;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.history.Reading;
import io.marketsentinel.history.ReadingGuard;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.rules.Format;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Merges history from a CSV into the stored state, so a user can start with years of it: each
 * coin's daily lows are added for the days the state does not have (a day it has is kept, and a
 * different value for it is reported), and totals are merged into the run-resolution series
 * (which keeps only the drawdown window plus a day before its newest point).
 */
public final class HistoryImport {

    private HistoryImport() {
    }

    /** One day whose stored value differs from the file's; the stored value was kept. */
    public record Conflict(String series, String day, String stored, String file) {
        @Override
        public String toString() {
            return series + " " + day + ": kept " + stored + ", file has " + file;
        }
    }

    /** The merged state and what the merge did. */
    public record Outcome(SentinelState state, Map<String, Integer> daysAdded, Map<String, Integer> daysKept,
                          int marketPointsKept, List<Conflict> conflicts, List<SuspectReading> suspects) {

        public String summary() {
            StringBuilder out = new StringBuilder();
            daysAdded.forEach((coin, added) -> out.append(String.format(Locale.ROOT, "%s: %d day(s) added, %d already stored%n",
                    coin, added, daysKept.getOrDefault(coin, 0))));
            out.append(String.format(Locale.ROOT, "total market cap: %d reading(s) kept (the drawdown window plus a day)%n",
                    marketPointsKept));
            if (!suspects.isEmpty()) {
                out.append(suspects.size()).append(" doubtful reading(s) left out by the plausibility guard:\n");
                suspects.forEach(s -> out.append(String.format(Locale.ROOT, "  %s %s %s: %s%n",
                        s.subject() == null ? HistoryCsv.TOTAL : s.subject(), s.time(), Format.usd(s.value()), s.reason())));
            }
            if (conflicts.isEmpty()) {
                out.append("no conflicting values\n");
            } else {
                out.append(conflicts.size()).append(" conflicting value(s), stored ones kept:\n");
                conflicts.forEach(c -> out.append("  ").append(c).append('\n'));
            }
            return out.toString();
        }
    }

    /**
     * @throws ImplausibleReadingException when a value is outside what it could possibly be; nothing is merged
     */
    public static Outcome merge(SentinelState state, HistoryCsv.Parsed csv, Duration marketRetention, ReadingGuard guard) {
        for (Observation row : csv.rows()) {
            if (row.totalMarketCapUsd() != null) {
                guard.requireSaneTotal(HistoryCsv.TOTAL + " at " + row.time(), row.totalMarketCapUsd());
            }
            row.prices().forEach((coin, price) -> guard.requireSanePrice(coin + "_usd at " + row.time(), price));
        }
        List<SuspectReading> suspects = new ArrayList<>();
        History history = state.history();
        Map<String, Integer> added = new LinkedHashMap<>();
        Map<String, Integer> kept = new LinkedHashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (String coin : csv.coins()) {
            TreeMap<LocalDate, Double> lows = new TreeMap<>();
            for (Observation row : csv.rows()) {
                Double price = row.prices().get(coin);
                if (price != null) {
                    lows.merge(CoinHistory.dayOf(row.time()), price, Math::min);
                }
            }
            NavigableMap<LocalDate, Double> believed = guard.filterDays(coin, lows, suspects);
            CoinHistory series = history.coin(coin);
            int newDays = 0;
            int oldDays = 0;
            for (Map.Entry<LocalDate, Double> day : believed.entrySet()) {
                Double stored = series.dailyLows().get(day.getKey());
                if (stored == null) {
                    newDays++;
                } else {
                    oldDays++;
                    if (differ(stored, day.getValue())) {
                        conflicts.add(new Conflict(coin, day.getKey().toString(), Format.usd(stored), Format.usd(day.getValue())));
                    }
                }
            }
            history = history.withCoin(coin, series.withDaysIfAbsent(believed));
            added.put(coin, newDays);
            kept.put(coin, oldDays);
        }
        MarketHistory market = history.market();
        if (csv.hasTotal()) {
            Map<Instant, Double> stored = new TreeMap<>();
            market.points().forEach(p -> stored.put(p.time(), p.value()));
            List<Reading> totals = new ArrayList<>();
            for (Observation row : csv.rows()) {
                if (row.totalMarketCapUsd() != null) {
                    totals.add(new Reading(row.time(), row.totalMarketCapUsd()));
                }
            }
            ReadingGuard.Filtered believed = guard.filter(null, totals);
            suspects.addAll(believed.dropped());
            List<Reading> points = new ArrayList<>();
            for (Reading reading : believed.kept()) {
                Reading p = new Reading(reading.time(), reading.value());
                Double existing = stored.get(p.time());
                if (existing != null && differ(existing, p.value())) {
                    conflicts.add(new Conflict(HistoryCsv.TOTAL, p.time().toString(), Format.usd(existing),
                            Format.usd(p.value())));
                }
                points.add(p);
            }
            market = market.merge(points, marketRetention);
        }
        History merged = History.of(market, history.coins());
        return new Outcome(state.withHistory(merged), added, kept, market.points().size(), conflicts, suspects);
    }

    private static boolean differ(double a, double b) {
        return Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }
}
