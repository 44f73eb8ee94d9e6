package io.marketsentinel.history;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A coin's daily lows, immutable, shaped for a replay that adds a price every row: the days before the
 * latest are closed (sorted arrays, with each position's lowest low from there on), the latest day is
 * open. A price on the open day changes two fields, not the series; a new day closes the open one (one
 * copy a day, not one a row); and "the latest day before today at or below this price" is a binary search
 * over the suffix minimums instead of a walk back through every day. No library keeps a persistent sorted
 * map with suffix minimums, hence this class.
 */
final class DailyLows {

    static final DailyLows EMPTY = new DailyLows(new long[0], new double[0], new double[0], Long.MIN_VALUE, Double.NaN);

    /** Closed days (epoch days, ascending), their lows, and min(lows[i..]) for each i. Never changed. */
    private final long[] days;
    private final double[] lows;
    private final double[] suffixMin;
    /** The latest day, and its low so far; {@code Long.MIN_VALUE}: no day at all. */
    private final long openDay;
    private final double openLow;
    /** The whole series as a map, built when first asked for (the codec, charts); never changed after. */
    private NavigableMap<LocalDate, Double> asMap;

    private DailyLows(long[] days, double[] lows, double[] suffixMin, long openDay, double openLow) {
        this.days = days;
        this.lows = lows;
        this.suffixMin = suffixMin;
        this.openDay = openDay;
        this.openLow = openLow;
    }

    static DailyLows of(Map<LocalDate, Double> series) {
        if (series.isEmpty()) {
            return EMPTY;
        }
        TreeMap<LocalDate, Double> sorted = new TreeMap<>(series);
        Map.Entry<LocalDate, Double> last = sorted.pollLastEntry();
        long[] days = new long[sorted.size()];
        double[] lows = new double[sorted.size()];
        int i = 0;
        for (Map.Entry<LocalDate, Double> e : sorted.entrySet()) {
            days[i] = e.getKey().toEpochDay();
            lows[i++] = e.getValue();
        }
        return new DailyLows(days, lows, suffixMinimums(lows), last.getKey().toEpochDay(), last.getValue());
    }

    private static double[] suffixMinimums(double[] lows) {
        double[] min = new double[lows.length];
        for (int i = lows.length - 1; i >= 0; i--) {
            min[i] = i == lows.length - 1 ? lows[i] : Math.min(lows[i], min[i + 1]);
        }
        return min;
    }

    boolean isEmpty() {
        return openDay == Long.MIN_VALUE;
    }

    /** {@code price} on {@code day}: the day's low becomes the lower of the two. */
    DailyLows observe(LocalDate day, double price) {
        long d = day.toEpochDay();
        if (isEmpty()) {
            return new DailyLows(days, lows, suffixMin, d, price);
        }
        if (d == openDay) {
            return price < openLow ? new DailyLows(days, lows, suffixMin, openDay, price) : this;
        }
        if (d > openDay) {
            int n = days.length;
            long[] closedDays = Arrays.copyOf(days, n + 1);
            double[] closedLows = Arrays.copyOf(lows, n + 1);
            double[] min = Arrays.copyOf(suffixMin, n + 1);
            closedDays[n] = openDay;
            closedLows[n] = openLow;
            min[n] = openLow;
            for (int i = n - 1; i >= 0 && min[i] > openLow; i--) {
                min[i] = openLow;
            }
            return new DailyLows(closedDays, closedLows, min, d, price);
        }
        // A price for an earlier day (an import, a late reading): rare, rebuilt whole.
        TreeMap<LocalDate, Double> series = new TreeMap<>(asMap());
        series.merge(day, price, Math::min);
        return of(series);
    }

    /** The low recorded on {@code day}, if any. */
    Optional<Double> on(LocalDate day) {
        long d = day.toEpochDay();
        if (d == openDay && !isEmpty()) {
            return Optional.of(openLow);
        }
        int i = Arrays.binarySearch(days, d);
        return i >= 0 ? Optional.of(lows[i]) : Optional.empty();
    }

    /** The latest day strictly before {@code today} whose low was at or below {@code price}. */
    Optional<LocalDate> lowestSince(LocalDate today, double price) {
        long t = today.toEpochDay();
        if (!isEmpty() && openDay < t && openLow <= price) {
            return Optional.of(LocalDate.ofEpochDay(openDay));
        }
        int before = Arrays.binarySearch(days, t);
        int limit = before >= 0 ? before : -before - 1;
        if (limit < days.length) {
            // Today lies among the closed days (an old day asked about): walk back, as it is rare.
            for (int i = limit - 1; i >= 0; i--) {
                if (lows[i] <= price) {
                    return Optional.of(LocalDate.ofEpochDay(days[i]));
                }
            }
            return Optional.empty();
        }
        if (limit == 0 || suffixMin[0] > price) {
            return Optional.empty();
        }
        // suffixMin rises with i: the last i whose suffix minimum is at or below the price is the day itself.
        int lo = 0;
        int hi = limit - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (suffixMin[mid] <= price) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.of(LocalDate.ofEpochDay(days[lo]));
    }

    Optional<LocalDate> firstDay() {
        if (isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(LocalDate.ofEpochDay(days.length > 0 ? days[0] : openDay));
    }

    int size() {
        return isEmpty() ? 0 : days.length + 1;
    }

    synchronized NavigableMap<LocalDate, Double> asMap() {
        if (asMap == null) {
            TreeMap<LocalDate, Double> map = new TreeMap<>();
            for (int i = 0; i < days.length; i++) {
                map.put(LocalDate.ofEpochDay(days[i]), lows[i]);
            }
            if (!isEmpty()) {
                map.put(LocalDate.ofEpochDay(openDay), openLow);
            }
            asMap = Collections.unmodifiableNavigableMap(map);
        }
        return asMap;
    }
}
