package io.marketsentinel.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One coin's daily price series (the lowest USD price seen each UTC day, or the bootstrap's daily
 * price) without a time limit, plus the latest price seen. Days may have gaps.
 */
public final class CoinHistory {

    private static final CoinHistory EMPTY = new CoinHistory(new TreeMap<>(), null, null, null);

    /** Never changed after construction; shared between instances when a reading changes no low. */
    private final TreeMap<LocalDate, Double> dailyLows;
    private final Double latestPrice;
    private final Instant latestTime;
    /** A price the guard holds aside until the next one says whether it was real; not in the series. */
    private final SuspectReading held;

    private CoinHistory(TreeMap<LocalDate, Double> dailyLows, Double latestPrice, Instant latestTime, SuspectReading held) {
        this.dailyLows = dailyLows;
        this.latestPrice = latestPrice;
        this.latestTime = latestTime;
        this.held = held;
    }

    public static CoinHistory empty() {
        return EMPTY;
    }

    /** Rebuilds a stored history; prices must be positive. */
    public static CoinHistory of(Map<LocalDate, Double> dailyLows, Double latestPrice, Instant latestTime) {
        return of(dailyLows, latestPrice, latestTime, null);
    }

    /** As {@link #of(Map, Double, Instant)}, with a price held aside by the guard (or {@code null}). */
    public static CoinHistory of(Map<LocalDate, Double> dailyLows, Double latestPrice, Instant latestTime,
                                 SuspectReading held) {
        dailyLows.forEach((day, price) -> requirePositive(price, day.toString()));
        if ((latestPrice == null) != (latestTime == null)) {
            throw new IllegalArgumentException("latest price and latest time go together");
        }
        return new CoinHistory(new TreeMap<>(dailyLows), latestPrice, latestTime, held);
    }

    /** The price held aside by the guard, if any: the coin's rule waits until it is settled. */
    public Optional<SuspectReading> held() {
        return Optional.ofNullable(held);
    }

    CoinHistory withHeld(SuspectReading next) {
        return new CoinHistory(dailyLows, latestPrice, latestTime, next);
    }

    /** Records a price observed at {@code time}: it becomes the latest price and may lower that day's low. */
    public CoinHistory observe(Instant time, double price) {
        requirePositive(price, time.toString());
        boolean newer = latestTime == null || !time.isBefore(latestTime);
        LocalDate day = dayOf(time);
        Double low = dailyLows.get(day);
        TreeMap<LocalDate, Double> lows = dailyLows;
        if (low == null || price < low) {
            // Copy only when the series changes: most readings do not set a new daily low.
            lows = new TreeMap<>(dailyLows);
            lows.put(day, price);
        }
        return new CoinHistory(lows, newer ? price : latestPrice, newer ? time : latestTime, held);
    }

    /**
     * Adds daily prices for the days that have none yet (bootstrap and import keep what is already
     * there), in one copy of the series however many days come in.
     */
    public CoinHistory withDaysIfAbsent(Map<LocalDate, Double> days) {
        TreeMap<LocalDate, Double> lows = new TreeMap<>(dailyLows);
        days.forEach((day, price) -> {
            requirePositive(price, day.toString());
            lows.putIfAbsent(day, price);
        });
        return lows.size() == dailyLows.size() ? this : new CoinHistory(lows, latestPrice, latestTime, held);
    }

    /**
     * The latest day strictly before {@code today} whose recorded price was at or below
     * {@code price}; empty when no earlier day was that low.
     */
    public Optional<LocalDate> lowestSince(LocalDate today, double price) {
        for (Map.Entry<LocalDate, Double> e : dailyLows.headMap(today, false).descendingMap().entrySet()) {
            if (e.getValue() <= price) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The series with the days before {@code cutoff} thinned to one per ISO week (the week's lowest,
     * on its lowest day): "lowest since" keeps its meaning at a week's resolution that far back,
     * in a seventh of the space. For a state that would outgrow its budget.
     */
    public CoinHistory thinnedBefore(LocalDate cutoff) {
        TreeMap<LocalDate, Double> lows = new TreeMap<>(dailyLows.tailMap(cutoff, true));
        Map<Long, Map.Entry<LocalDate, Double>> weekly = new TreeMap<>();
        for (Map.Entry<LocalDate, Double> e : dailyLows.headMap(cutoff, false).entrySet()) {
            long week = Math.floorDiv(e.getKey().toEpochDay() + 3, 7);
            Map.Entry<LocalDate, Double> kept = weekly.get(week);
            if (kept == null || e.getValue() < kept.getValue()) {
                weekly.put(week, e);
            }
        }
        weekly.values().forEach(e -> lows.put(e.getKey(), e.getValue()));
        return new CoinHistory(lows, latestPrice, latestTime, held);
    }

    public Optional<LocalDate> firstDay() {
        return dailyLows.isEmpty() ? Optional.empty() : Optional.of(dailyLows.firstKey());
    }

    public NavigableMap<LocalDate, Double> dailyLows() {
        return Collections.unmodifiableNavigableMap(dailyLows);
    }

    public Optional<Double> latestPrice() {
        return Optional.ofNullable(latestPrice);
    }

    public Optional<Instant> latestTime() {
        return Optional.ofNullable(latestTime);
    }

    public boolean isEmpty() {
        return dailyLows.isEmpty();
    }

    public static LocalDate dayOf(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    private static void requirePositive(Double price, String where) {
        if (price == null || !(price > 0) || price.isInfinite()) {
            throw new IllegalArgumentException("price must be a positive number at " + where + ", got " + price);
        }
    }
}
