package io.marketsentinel.history;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * The total market cap at run resolution, oldest first, kept only as far back as the rules need
 * (the drawdown window plus a margin), so the stored state stays small however long it runs.
 */
public final class MarketHistory {

    private static final MarketHistory EMPTY = new MarketHistory(List.of(), null);
    /** A buffer whose trimmed front is this much larger than what is kept is copied down, so memory stays bounded. */
    private static final int COMPACT_AFTER = 4096;

    /**
     * The readings in time order, shared by the histories appended one from another: a history is a range
     * of it, and appending to the newest history adds at its end instead of copying what is kept (a
     * replay appends a reading a row). Only ever grown at its end; a history that is not the newest copies.
     * It also keeps a sparse table of maximums (for each level k and position i, where in
     * {@code [i, i + 2^k)} the highest reading is), grown by one entry per level on each append, so the
     * highest reading of any range — a drawdown window's high — is two look-ups, not a scan of the window.
     */
    private static final class Buffer {
        private volatile Reading[] items;
        private double[] values;
        /** {@code maxAt[k - 1][i]}: the index of the earliest highest value in {@code [i, i + 2^k)}. */
        private int[][] maxAt = new int[0][];
        private int size;

        Buffer(List<Reading> readings) {
            int capacity = Math.max(16, readings.size());
            items = new Reading[capacity];
            values = new double[capacity];
            readings.forEach(this::add);
        }

        /** Appends {@code reading} when {@code end} is the buffer's end (the caller is the newest history). */
        synchronized boolean appendAt(int end, Reading reading) {
            if (size != end) {
                return false;
            }
            add(reading);
            return true;
        }

        private void add(Reading reading) {
            if (size == items.length) {
                int capacity = size * 2;
                values = Arrays.copyOf(values, capacity);
                for (int k = 0; k < maxAt.length; k++) {
                    maxAt[k] = Arrays.copyOf(maxAt[k], capacity);
                }
                items = Arrays.copyOf(items, capacity);
            }
            items[size] = reading;
            values[size] = reading.value();
            size++;
            // The ranges that end at the new reading, one per level: [size - 2^k, size).
            for (int k = 1; (1 << k) <= size; k++) {
                if (k > maxAt.length) {
                    maxAt = Arrays.copyOf(maxAt, k);
                    maxAt[k - 1] = new int[items.length];
                }
                int start = size - (1 << k);
                int middle = start + (1 << (k - 1));
                int left = k == 1 ? start : maxAt[k - 2][start];
                int right = k == 1 ? middle : maxAt[k - 2][middle];
                maxAt[k - 1][start] = values[right] > values[left] ? right : left;
            }
        }

        /** The earliest of the highest readings in {@code [from, to)} (not empty). */
        synchronized Reading highest(int from, int to) {
            int k = 31 - Integer.numberOfLeadingZeros(to - from);
            if (k == 0) {
                return items[from];
            }
            int left = maxAt[k - 1][from];
            int right = maxAt[k - 1][to - (1 << k)];
            return items[values[right] > values[left] ? right : left];
        }
    }

    /** Readings {@code [from, to)} of a buffer, as a list (no copy). */
    private static final class Range extends AbstractList<Reading> implements RandomAccess {
        private final Reading[] items;
        private final int from;
        private final int to;

        Range(Reading[] items, int from, int to) {
            this.items = items;
            this.from = from;
            this.to = to;
        }

        @Override
        public Reading get(int index) {
            Objects.checkIndex(index, to - from);
            return items[from + index];
        }

        @Override
        public int size() {
            return to - from;
        }
    }

    private final Buffer buffer;
    private final int from;
    private final int to;
    /** A reading the guard holds aside until the next one says whether it was real; not in {@link #points}. */
    private final SuspectReading held;

    private MarketHistory(List<Reading> points, SuspectReading held) {
        this(new Buffer(points), 0, points.size(), held);
    }

    private MarketHistory(Buffer buffer, int from, int to, SuspectReading held) {
        this.buffer = buffer;
        this.from = from;
        this.to = to;
        this.held = held;
    }

    public static MarketHistory empty() {
        return EMPTY;
    }

    /** Builds a history from points that must be in strictly increasing time order. */
    public static MarketHistory of(List<Reading> points) {
        return of(points, null);
    }

    /** As {@link #of(List)}, with a reading held aside by the guard (or {@code null}). */
    public static MarketHistory of(List<Reading> readings, SuspectReading held) {
        List<Reading> points = readings.stream().map(Reading::wholeSecondsAndDollars).toList();
        for (int i = 1; i < points.size(); i++) {
            if (!points.get(i).time().isAfter(points.get(i - 1).time())) {
                throw new IllegalArgumentException("market points out of order at " + points.get(i).time());
            }
        }
        return new MarketHistory(points, held);
    }

    /** The reading held aside by the guard, if any: the rules do not look at the market until it is settled. */
    public Optional<SuspectReading> held() {
        return Optional.ofNullable(held);
    }

    MarketHistory withHeld(SuspectReading next) {
        return new MarketHistory(buffer, from, to, next);
    }

    /**
     * Returns a history with {@code point} appended and everything older than {@code retention}
     * before it dropped. A point in the same second as the latest replaces it (two manual checks in
     * one second are one reading); a point before the latest is rejected: time only moves forward.
     */
    public MarketHistory append(Reading reading, Duration retention) {
        Reading point = reading.wholeSecondsAndDollars();
        Optional<Reading> last = latest();
        boolean sameSecond = last.isPresent() && point.time().equals(last.get().time());
        if (last.isPresent() && point.time().isBefore(last.get().time())) {
            throw new IllegalArgumentException("reading at " + point.time()
                    + " is before the latest recorded reading at " + last.get().time());
        }
        Instant cutoff = point.time().minus(retention);
        Reading[] items = buffer.items;
        int keptFrom = from;
        int end = sameSecond ? to - 1 : to;
        while (keptFrom < end && items[keptFrom].time().isBefore(cutoff)) {
            keptFrom++;
        }
        boolean compact = keptFrom > COMPACT_AFTER && keptFrom > end - keptFrom;
        if (!sameSecond && !compact && buffer.appendAt(to, point)) {
            return new MarketHistory(buffer, keptFrom, to + 1, held);
        }
        List<Reading> kept = new ArrayList<>(end - keptFrom + 1);
        kept.addAll(new Range(items, keptFrom, end));
        kept.add(point);
        return new MarketHistory(kept, held);
    }

    /** This history without the readings after {@code time} (and without a held reading after it). */
    public MarketHistory upTo(Instant time) {
        List<Reading> points = points();
        List<Reading> kept = points.stream().filter(p -> !p.time().isAfter(time)).toList();
        SuspectReading keptHeld = held != null && held.time().isAfter(time) ? null : held;
        return kept.size() == points.size() && keptHeld == held ? this : new MarketHistory(kept, keptHeld);
    }

    /**
     * Returns a history with {@code extra} merged in (a point at the same second as one already
     * here is ignored: what is stored wins), then cut to {@code retention} before the latest point.
     */
    public MarketHistory merge(List<Reading> extra, Duration retention) {
        java.util.TreeMap<Instant, Reading> byTime = new java.util.TreeMap<>();
        for (Reading p : extra) {
            Reading whole = p.wholeSecondsAndDollars();
            byTime.put(whole.time(), whole);
        }
        for (Reading p : points()) {
            byTime.put(p.time(), p);
        }
        if (byTime.isEmpty()) {
            return this;
        }
        Instant cutoff = byTime.lastKey().minus(retention);
        return new MarketHistory(new ArrayList<>(byTime.tailMap(cutoff, true).values()), held);
    }

    /** Points at or after {@code time}, oldest first (found by binary search, not a walk). */
    public List<Reading> since(Instant time) {
        return new Range(buffer.items, firstAtOrAfter(time), to);
    }

    /** The highest point at or after {@code time} (the earliest of equal highs); empty when there is none. */
    public Optional<Reading> highestSince(Instant time) {
        int first = firstAtOrAfter(time);
        return first == to ? Optional.empty() : Optional.of(buffer.highest(first, to));
    }

    private int firstAtOrAfter(Instant time) {
        Reading[] items = buffer.items;
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (items[mid].time().isBefore(time)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public List<Reading> points() {
        return new Range(buffer.items, from, to);
    }

    public Optional<Reading> latest() {
        return isEmpty() ? Optional.empty() : Optional.of(buffer.items[to - 1]);
    }

    public boolean isEmpty() {
        return to == from;
    }
}
