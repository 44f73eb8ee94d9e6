package io.marketsentinel.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The total market cap at run resolution, oldest first, kept only as far back as the rules need
 * (the drawdown window plus a margin), so the stored state stays small however long it runs.
 */
public final class MarketHistory {

    private static final MarketHistory EMPTY = new MarketHistory(List.of(), null);

    private final List<Reading> points;
    /** A reading the guard holds aside until the next one says whether it was real; not in {@link #points}. */
    private final SuspectReading held;

    private MarketHistory(List<Reading> points, SuspectReading held) {
        this.points = List.copyOf(points);
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
        return new MarketHistory(points, next);
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
        List<Reading> kept = new ArrayList<>(points.size() + 1);
        int end = sameSecond ? points.size() - 1 : points.size();
        for (int i = 0; i < end; i++) {
            Reading p = points.get(i);
            if (!p.time().isBefore(cutoff)) {
                kept.add(p);
            }
        }
        kept.add(point);
        return new MarketHistory(kept, held);
    }

    /** This history without the readings after {@code time} (and without a held reading after it). */
    public MarketHistory upTo(Instant time) {
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
        for (Reading p : points) {
            byTime.put(p.time(), p);
        }
        if (byTime.isEmpty()) {
            return this;
        }
        Instant cutoff = byTime.lastKey().minus(retention);
        return new MarketHistory(new ArrayList<>(byTime.tailMap(cutoff, true).values()), held);
    }

    /** Points at or after {@code from}, oldest first. */
    public List<Reading> since(Instant from) {
        int i = 0;
        while (i < points.size() && points.get(i).time().isBefore(from)) {
            i++;
        }
        return points.subList(i, points.size());
    }

    public List<Reading> points() {
        return points;
    }

    public Optional<Reading> latest() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }
}
