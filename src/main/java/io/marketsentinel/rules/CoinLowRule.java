package io.marketsentinel.rules;

import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * coin-low: a watched coin's current price against its daily history. {@code lowestSince} is the
 * latest earlier day whose price was at or below today's; it fires when that day lies at least
 * {@code minAge} back ("a multi-month low"), or when no day was that low and the history spans at
 * least {@code minAge} ("lowest in N days of history").
 */
public final class CoinLowRule implements Rule {

    public static final String NAME = "coin-low";

    private final Settings settings;

    /**
     * @param coins           the watched coin ids
     * @param minAge          how far back {@code lowestSince} must lie to fire
     * @param escalationDays  how many more days {@code lowestSince} must move back to escalate
     * @param recoveryPercent the episode ends when the price is this much above the alerted low
     * @param sendResolved    whether the end of an episode is notified
     * @param staleAfter      an episode whose coin has not been at a multi-month low for this long ends
     *                        quietly, so the next multi-month low may be NEW with its own "lowest since"
     * @param newsPercent     a low within {@code minAge} of one said, naming about the same day, is news only
     *                        when it is at least this many percent below that one's price
     */
    public record Settings(List<String> coins, Duration minAge, long escalationDays, double recoveryPercent,
                           boolean sendResolved, Duration staleAfter, double newsPercent) {
        public Settings {
            coins = List.copyOf(coins);
        }

        /** With the default news margin of 5 %. */
        public Settings(List<String> coins, Duration minAge, long escalationDays, double recoveryPercent,
                        boolean sendResolved, Duration staleAfter) {
            this(coins, minAge, escalationDays, recoveryPercent, sendResolved, staleAfter, 5);
        }
    }

    public CoinLowRule(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A daily low is confirmed by the close of the day it is about, so it alerts at once. */
    @Override
    public Duration holdFor() {
        return Duration.ZERO;
    }

    @Override
    public boolean sendResolved() {
        return settings.sendResolved();
    }

    @Override
    public List<Finding> evaluate(History history, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (String coin : settings.coins()) {
            CoinHistory series = history.coin(coin);
            Optional<Double> price = series.settledPrice();
            if (price.isEmpty()) {
                // No price yet, or the latest one is held by the guard: nothing to say until it is settled.
                continue;
            }
            LocalDate today = CoinHistory.dayOf(series.latestTime().orElseThrow());
            evaluateCoin(coin, series, price.get(), series.latestTime().get(), today).ifPresent(findings::add);
        }
        return findings;
    }

    private Optional<Finding> evaluateCoin(String coin, CoinHistory series, double price, Instant at, LocalDate today) {
        Optional<LocalDate> first = series.firstDay().filter(day -> day.isBefore(today));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Optional<LocalDate> since = series.lowestSince(today, price);
        boolean beyondHistory = since.isEmpty();
        LocalDate lowestSince = since.orElse(first.get());
        long ageDays = today.toEpochDay() - lowestSince.toEpochDay();
        boolean breached = ageDays >= settings.minAge().toDays();

        // The price that day, read now: the words are drawn later, and must not hold on to the series.
        Double thatDay = beyondHistory ? null : series.lowOn(lowestSince).orElse(null);
        LocalDate historyStart = first.get();
        return Optional.of(Finding.worded(NAME, coin, breached, lowestSince.toEpochDay(), Finding.Measure.LOWEST_SINCE_EPOCH_DAY,
                price, () -> wording(coin, price, at, today, lowestSince, beyondHistory, ageDays, thatDay, historyStart)));
    }

    /** The words of a finding, drawn only when read (most findings of a replay never are). */
    private Finding.Wording wording(String coin, double price, Instant at, LocalDate today, LocalDate lowestSince,
                                    boolean beyondHistory, long ageDays, Double thatDay, LocalDate historyStart) {
        long minAgeDays = settings.minAge().toDays();
        String name = Format.coinName(coin);
        String age = Format.age(lowestSince, today);
        String headline = beyondHistory
                ? String.format(Locale.ROOT, "%s at %s, lowest in %d days of history", name, Format.usd(price), ageDays)
                : String.format(Locale.ROOT, "%s at %s, lowest since %s (%s)", name, Format.usd(price), lowestSince, age);
        String text = beyondHistory
                ? String.format(Locale.ROOT, "%s is at %s (%s), below every daily price recorded since %s (%s of history).",
                        name, Format.usd(price), Format.time(at), lowestSince, age)
                : String.format(Locale.ROOT, "%s is at %s (%s), its lowest since %s, %s ago; the price was %s that day.",
                        name, Format.usd(price), Format.time(at), lowestSince, age,
                        Format.usd(thatDay));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(Fact.COIN.key(), coin);
        facts.put(Fact.PRICE.key(), Format.usd(price));
        facts.put(Fact.AT.key(), Format.time(at));
        if (beyondHistory) {
            // No day was this low: the history's first day is not a "lowest since", and must not read as one.
            facts.put(Fact.LOWEST_SINCE_AGE.key(), "lowest in " + ageDays + " days of history");
        } else {
            facts.put(Fact.LOWEST_SINCE.key(), lowestSince.toString());
            facts.put(Fact.LOWEST_SINCE_AGE.key(), age);
        }
        facts.put(Fact.BEYOND_HISTORY.key(), Boolean.toString(beyondHistory));
        facts.put(Fact.HISTORY_START.key(), historyStart.toString());
        facts.put(Fact.THRESHOLD.key(), "lowest in at least " + minAgeDays + " days");
        return new Finding.Wording(headline, text, facts);
    }

    /** Escalates when {@code lowestSince} has moved back by at least the escalation step. */
    @Override
    public boolean escalates(Finding current, Finding alerted) {
        return alerted.magnitude() - current.magnitude() >= settings.escalationDays();
    }

    @Override
    public Optional<Duration> staleAfter() {
        return Optional.of(settings.staleAfter());
    }

    /** What a coin low said is remembered for the rule's {@code min-age}. */
    @Override
    public Optional<Duration> newsMemory() {
        return Optional.of(settings.minAge());
    }

    /**
     * A low is not news when one was said within {@code min-age} naming a "lowest since" day within the
     * escalation step of this one, at a price this one is less than {@code news-percent} below: a
     * restatement of it. A low much lower, or reaching much further back, is news.
     */
    @Override
    public boolean news(Finding current, Finding lastSaid, Duration sinceSaid) {
        boolean sameDay = Math.abs(lastSaid.magnitude() - current.magnitude()) < settings.escalationDays();
        boolean samePrice = current.value() >= lastSaid.value() * (1 - settings.newsPercent() / 100);
        return !(sinceSaid.compareTo(settings.minAge()) < 0 && sameDay && samePrice);
    }

    @Override
    public boolean recovered(Finding current, Finding alerted) {
        return current.value() >= alerted.value() * (1 + settings.recoveryPercent() / 100);
    }
}
