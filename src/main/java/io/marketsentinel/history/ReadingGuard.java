package io.marketsentinel.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides whether a reading can be believed, for the live check, the bootstrap, import and replay
 * alike. Absolute bounds refuse what no market could be (a total of 1e-300, a price of 1e12).
 * Relative bounds doubt a jump no market makes in the time since the last accepted reading: the
 * plausible move grows with the square root of the time between readings (as volatility does),
 * {@code stepPercent + percentPerSqrtHour * sqrt(hours)}, up to {@code maxPercent}. A doubted reading
 * is held aside until the next one: if that agrees with it (by the same bound), both are taken —
 * unless the jump from the last accepted reading is beyond {@code maxPercent}, which only readings
 * agreeing for {@code confirmAfter} can confirm (three readings 95 % off for a few hours never do).
 *
 * <p>Defaults (see {@link Settings#defaults()}) against a record of hourly totals, Jun 2024 – Aug
 * 2026: real moves reached −6.7 % in two hours, −10 % in six and −18 % in a day; the plausible move
 * is 7.0 % at one hour, 8.7 % at two, 12.8 % at six and 22.6 % at a day, so those are taken as they
 * come, while the one-reading dips of −9 % to −13.5 % within an hour are held, and revert.
 */
public final class ReadingGuard {

    /**
     * @param totalMinUsd        the smallest believable total market cap
     * @param totalMaxUsd        the largest believable total market cap
     * @param priceMinUsd        the smallest believable coin price
     * @param priceMaxUsd        the largest believable coin price
     * @param stepPercent        the plausible move between two readings taken at once
     * @param percentPerSqrtHour how much more is plausible per square root of an hour between them
     * @param maxPercent         the largest plausible move; a larger one needs {@code confirmAfter} of agreement
     * @param confirmAfter       how long readings beyond {@code maxPercent} must agree to be taken
     */
    public record Settings(double totalMinUsd, double totalMaxUsd, double priceMinUsd, double priceMaxUsd,
                           double stepPercent, double percentPerSqrtHour, double maxPercent, Duration confirmAfter) {
    }

    private final Settings settings;

    public ReadingGuard(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** @throws ImplausibleReadingException naming {@code field} and the value, when no market could read so */
    public void requireSaneTotal(String field, double usd) {
        requireWithin(field, usd, settings.totalMinUsd(), settings.totalMaxUsd());
    }

    /** @throws ImplausibleReadingException naming {@code field} and the value, when no coin could be priced so */
    public void requireSanePrice(String field, double usd) {
        requireWithin(field, usd, settings.priceMinUsd(), settings.priceMaxUsd());
    }

    private static void requireWithin(String field, double value, double min, double max) {
        if (!Double.isFinite(value) || !(value >= min) || !(value <= max)) {
            throw new ImplausibleReadingException(field, value, min, max);
        }
    }

    /** The largest move, in percent, that a market plausibly makes in {@code elapsed}. */
    public double plausibleMovePercent(Duration elapsed) {
        double hours = Math.max(0, elapsed.toMillis()) / 3_600_000.0;
        return Math.min(settings.maxPercent(), settings.stepPercent() + settings.percentPerSqrtHour() * Math.sqrt(hours));
    }

    /** Why a move from {@code from} to {@code to} is doubted, or empty when it is plausible. */
    public Optional<String> doubt(double from, Instant fromAt, double to, Instant toAt) {
        double move = (to / from - 1) * 100;
        Duration elapsed = Duration.between(fromAt, toAt);
        double plausible = plausibleMovePercent(elapsed);
        if (Math.abs(move) <= plausible) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%+.1f%% in %s from the last accepted reading (at most \u00b1%.1f%% is plausible)",
                move, span(elapsed), plausible));
    }

    /**
     * What to do with a new reading.
     *
     * @param takeHeld    the held suspect was real: record it (before the reading)
     * @param takeReading record the reading
     * @param hold        the suspect to hold aside now, or {@code null}
     * @param events      what became of doubted readings, for the report
     */
    public record Judgement(boolean takeHeld, boolean takeReading, SuspectReading hold, List<SuspectReading> events) {
    }

    /**
     * Judges {@code value} read at {@code at} against the last accepted reading (none: it is taken)
     * and the suspect held since the previous reading, if any.
     */
    public Judgement judge(String subject, Double accepted, Instant acceptedAt, SuspectReading held, double value, Instant at) {
        List<SuspectReading> events = new ArrayList<>();
        if (accepted == null) {
            if (held != null) {
                events.add(held.as(SuspectReading.Status.DISCARDED));
            }
            return new Judgement(false, true, null, events);
        }
        Optional<String> doubt = doubt(accepted, acceptedAt, value, at);
        if (held == null) {
            if (doubt.isEmpty()) {
                return new Judgement(false, true, null, events);
            }
            SuspectReading hold = new SuspectReading(subject, at, value, doubt.get(), SuspectReading.Status.HELD, at);
            events.add(hold);
            return new Judgement(false, false, hold, events);
        }
        boolean agreesWithHeld = doubt(held.value(), held.time(), value, at).isEmpty();
        if (agreesWithHeld) {
            double jump = Math.abs(held.value() / accepted - 1) * 100;
            if (jump <= settings.maxPercent()
                    || Duration.between(held.since(), at).compareTo(settings.confirmAfter()) >= 0) {
                events.add(held.as(SuspectReading.Status.CONFIRMED));
                return new Judgement(true, true, null, events);
            }
            // Agrees, but the jump is too big for one reading to vouch for: hold on, counting from the first.
            SuspectReading hold = new SuspectReading(subject, at, value, doubt.orElse(held.reason()),
                    SuspectReading.Status.HELD, held.since());
            events.add(hold);
            return new Judgement(false, false, hold, events);
        }
        events.add(held.as(SuspectReading.Status.DISCARDED));
        if (doubt.isEmpty()) {
            return new Judgement(false, true, null, events);
        }
        SuspectReading hold = new SuspectReading(subject, at, value, doubt.get(), SuspectReading.Status.HELD, at);
        events.add(hold);
        return new Judgement(false, false, hold, events);
    }

    /** A batch of readings (bootstrap, import) with its doubted ones left out. */
    public record Filtered(List<Reading> kept, List<SuspectReading> dropped) {
    }

    /**
     * Runs a batch of readings, in time order, through the same judgement as live readings. With no
     * accepted reading before the batch, it starts at its first reading that agrees with the next,
     * so that a glitch at the start cannot become the yardstick. A reading still held at the end has
     * no later one to confirm it, and is dropped.
     */
    public Filtered filter(String subject, List<Reading> readings) {
        List<SuspectReading> dropped = new ArrayList<>();
        List<Reading> kept = new ArrayList<>();
        int start = 0;
        while (start + 1 < readings.size() && doubt(readings.get(start).value(), readings.get(start).time(),
                readings.get(start + 1).value(), readings.get(start + 1).time()).isPresent()) {
            Reading r = readings.get(start);
            dropped.add(new SuspectReading(subject, r.time(), r.value(), "disagrees with the reading after it",
                    SuspectReading.Status.DROPPED, r.time()));
            start++;
        }
        Reading accepted = null;
        SuspectReading held = null;
        for (int i = start; i < readings.size(); i++) {
            Reading r = readings.get(i);
            Judgement judgement = judge(subject, accepted == null ? null : accepted.value(),
                    accepted == null ? null : accepted.time(), held, r.value(), r.time());
            judgement.events().stream().filter(e -> e.status() == SuspectReading.Status.DISCARDED).forEach(dropped::add);
            if (judgement.takeHeld()) {
                kept.add(new Reading(held.time(), held.value()));
            }
            if (judgement.takeReading()) {
                kept.add(r);
                accepted = r;
            }
            held = judgement.hold();
        }
        if (held != null) {
            dropped.add(held.as(SuspectReading.Status.DROPPED));
        }
        return new Filtered(kept, dropped);
    }

    /** {@link #filter} for a coin's daily prices, each taken as read at noon UTC. */
    public NavigableMap<LocalDate, Double> filterDays(String subject, NavigableMap<LocalDate, Double> days,
                                                      List<SuspectReading> dropped) {
        List<Reading> readings = new ArrayList<>(days.size());
        days.forEach((day, price) -> readings.add(new Reading(noon(day), price)));
        Filtered filtered = filter(subject, readings);
        dropped.addAll(filtered.dropped());
        NavigableMap<LocalDate, Double> kept = new TreeMap<>();
        filtered.kept().forEach(r -> kept.put(CoinHistory.dayOf(r.time()), r.value()));
        return kept;
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
    }

    private static String span(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 120) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + "h" : (hours / 24) + "d";
    }
}
