package io.marketsentinel.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One coin's daily price series (the lowest USD price seen each UTC day, or the bootstrap's daily
 * price) without a time limit, plus the latest price seen. Days may have gaps. When a rule looks at a
 * coin's recent high (the coin drawdown), also each hour's highest price over that window — an hour's
 * high keeps the window's high exact at a fraction of the space of every reading.
 */
public final class CoinHistory {

    private static final CoinHistory EMPTY = new CoinHistory(DailyLows.EMPTY, null, null, null, new TreeMap<>());

    /** Never changed after construction; shared between instances when a reading changes no low. */
    private final DailyLows dailyLows;
    private final Double latestPrice;
    private final Instant latestTime;
    /** A price the guard holds aside until the next one says whether it was real; not in the series. */
    private final SuspectReading held;
    /** Each hour's highest accepted price (keyed by the hour's start), over the recent window kept; never changed. */
    private final TreeMap<Instant, Double> hourlyHighs;

    private CoinHistory(DailyLows dailyLows, Double latestPrice, Instant latestTime, SuspectReading held,
                        TreeMap<Instant, Double> hourlyHighs) {
        this.dailyLows = dailyLows;
        this.latestPrice = latestPrice;
        this.latestTime = latestTime;
        this.held = held;
        this.hourlyHighs = hourlyHighs;
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
        return of(dailyLows, latestPrice, latestTime, held, Map.of());
    }

    /** As {@link #of(Map, Double, Instant, SuspectReading)}, with the recent hours' highs. */
    public static CoinHistory of(Map<LocalDate, Double> dailyLows, Double latestPrice, Instant latestTime,
                                 SuspectReading held, Map<Instant, Double> hourlyHighs) {
        dailyLows.forEach((day, price) -> requirePositive(price, day.toString()));
        hourlyHighs.forEach((hour, price) -> requirePositive(price, hour.toString()));
        if ((latestPrice == null) != (latestTime == null)) {
            throw new IllegalArgumentException("latest price and latest time go together");
        }
        return new CoinHistory(DailyLows.of(dailyLows), latestPrice, latestTime, held, new TreeMap<>(hourlyHighs));
    }

    /** The price held aside by the guard, if any: the coin's rule waits until it is settled. */
    public Optional<SuspectReading> held() {
        return Optional.ofNullable(held);
    }

    CoinHistory withHeld(SuspectReading next) {
        return new CoinHistory(dailyLows, latestPrice, latestTime, next, hourlyHighs);
    }

    /** Records a price observed at {@code time}: it becomes the latest price and may lower that day's low. */
    public CoinHistory observe(Instant time, double price) {
        requirePositive(price, time.toString());
        boolean newer = latestTime == null || !time.isBefore(latestTime);
        DailyLows lows = dailyLows.observe(dayOf(time), price);
        return new CoinHistory(lows, newer ? price : latestPrice, newer ? time : latestTime, held, hourlyHighs);
    }

    /**
     * As {@link #observe(Instant, double)}, keeping each hour's high over the last {@code recent} (none
     * when it is zero: no rule looks at a coin's recent high).
     */
    public CoinHistory observe(Instant time, double price, Duration recent) {
        CoinHistory observed = observe(time, price);
        if (recent.isZero() || recent.isNegative()) {
            return hourlyHighs.isEmpty() ? observed : observed.withHourlyHighs(new TreeMap<>());
        }
        Instant hour = time.truncatedTo(ChronoUnit.HOURS);
        TreeMap<Instant, Double> highs = new TreeMap<>(hourlyHighs.tailMap(time.minus(recent).truncatedTo(ChronoUnit.HOURS), true));
        highs.merge(hour, price, Math::max);
        return observed.withHourlyHighs(highs);
    }

    private CoinHistory withHourlyHighs(TreeMap<Instant, Double> highs) {
        return new CoinHistory(dailyLows, latestPrice, latestTime, held, highs);
    }

    /** The highest hourly high from the hour of {@code from} on, with its hour; empty when none is kept. */
    public Optional<Reading> highSince(Instant from) {
        Reading high = null;
        for (Map.Entry<Instant, Double> e : hourlyHighs.tailMap(from.truncatedTo(ChronoUnit.HOURS), true).entrySet()) {
            if (high == null || e.getValue() > high.value()) {
                high = new Reading(e.getKey(), e.getValue());
            }
        }
        return Optional.ofNullable(high);
    }

    public NavigableMap<Instant, Double> hourlyHighs() {
        return Collections.unmodifiableNavigableMap(hourlyHighs);
    }

    /**
     * Adds daily prices for the days that have none yet (bootstrap and import keep what is already
     * there), in one copy of the series however many days come in.
     */
    public CoinHistory withDaysIfAbsent(Map<LocalDate, Double> days) {
        TreeMap<LocalDate, Double> lows = new TreeMap<>(dailyLows.asMap());
        days.forEach((day, price) -> {
            requirePositive(price, day.toString());
            lows.putIfAbsent(day, price);
        });
        return lows.size() == dailyLows.size() ? this
                : new CoinHistory(DailyLows.of(lows), latestPrice, latestTime, held, hourlyHighs);
    }

    /**
     * The latest day strictly before {@code today} whose recorded price was at or below
     * {@code price}; empty when no earlier day was that low.
     */
    public Optional<LocalDate> lowestSince(LocalDate today, double price) {
        return dailyLows.lowestSince(today, price);
    }

    /** The low recorded on {@code day}, if any. */
    public Optional<Double> lowOn(LocalDate day) {
        return dailyLows.on(day);
    }

    /**
     * The series with the days before {@code cutoff} thinned to one per ISO week (the week's lowest,
     * on its lowest day): "lowest since" keeps its meaning at a week's resolution that far back,
     * in a seventh of the space. For a state that would outgrow its budget.
     */
    public CoinHistory thinnedBefore(LocalDate cutoff) {
        TreeMap<LocalDate, Double> lows = new TreeMap<>(dailyLows.asMap().tailMap(cutoff, true));
        Map<Long, Map.Entry<LocalDate, Double>> weekly = new TreeMap<>();
        for (Map.Entry<LocalDate, Double> e : dailyLows.asMap().headMap(cutoff, false).entrySet()) {
            long week = Math.floorDiv(e.getKey().toEpochDay() + 3, 7);
            Map.Entry<LocalDate, Double> kept = weekly.get(week);
            if (kept == null || e.getValue() < kept.getValue()) {
                weekly.put(week, e);
            }
        }
        weekly.values().forEach(e -> lows.put(e.getKey(), e.getValue()));
        return new CoinHistory(DailyLows.of(lows), latestPrice, latestTime, held, hourlyHighs);
    }

    public Optional<LocalDate> firstDay() {
        return dailyLows.firstDay();
    }

    /** The whole series as a map (built once per series when asked: not for a per-row path). */
    public NavigableMap<LocalDate, Double> dailyLows() {
        return dailyLows.asMap();
    }

    public Optional<Double> latestPrice() {
        return Optional.ofNullable(latestPrice);
    }

    /**
     * The latest price when it is settled: none yet, or one held by the guard, gives nothing — a rule
     * neither fires nor confirms on a doubtful price.
     */
    public Optional<Double> settledPrice() {
        return held == null ? latestPrice() : Optional.empty();
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
