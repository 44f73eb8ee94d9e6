package io.marketsentinel.history;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the rules look at: the total market cap at run resolution and each watched coin's
 * daily series. Immutable; every change returns a new instance.
 */
public final class History {

    private static final History EMPTY = new History(MarketHistory.empty(), Map.of());

    private final MarketHistory market;
    private final Map<String, CoinHistory> coins;

    private History(MarketHistory market, Map<String, CoinHistory> coins) {
        this.market = market;
        this.coins = Collections.unmodifiableMap(new TreeMap<>(coins));
    }

    public static History empty() {
        return EMPTY;
    }

    public static History of(MarketHistory market, Map<String, CoinHistory> coins) {
        return new History(market, coins);
    }

    /** The history after one observation, and what the guard doubted in it. */
    public record Recorded(History history, List<SuspectReading> suspects) {
    }

    /**
     * Records one observation — the total (if any) and each coin price (if any) at {@code time} —
     * through {@code guard}: a reading it doubts is held aside instead of recorded, and recorded
     * with the next one if that agrees with it.
     *
     * @throws ImplausibleReadingException when a value is outside what it could possibly be; nothing changes
     */
    /** The field name of the total in a guard's refusal (the CSV's column). */
    public static final String TOTAL_FIELD = "total_market_cap_usd";

    public Recorded record(Instant time, Double totalMarketCapUsd, Map<String, Double> prices, Duration retention,
                           ReadingGuard guard) {
        return record(time, totalMarketCapUsd, prices, retention, Duration.ZERO, guard);
    }

    /**
     * As {@link #record(Instant, Double, Map, Duration, ReadingGuard)}, keeping each coin's hourly highs
     * over {@code coinRetention} (zero: none, no rule looks at them).
     */
    public Recorded record(Instant time, Double totalMarketCapUsd, Map<String, Double> prices, Duration retention,
                           Duration coinRetention, ReadingGuard guard) {
        if (totalMarketCapUsd != null) {
            guard.requireSaneTotal(TOTAL_FIELD, totalMarketCapUsd);
        }
        prices.forEach((coin, price) -> guard.requireSanePrice(coin + ".usd", price));
        List<SuspectReading> suspects = new ArrayList<>();
        MarketHistory nextMarket = market;
        if (totalMarketCapUsd != null && market.latest().filter(last -> last.time().isAfter(time)).isPresent()) {
            // Readings stored "in the future" (a clock that went back, a state from a machine with a wrong
            // clock) would refuse every reading until the clock caught up: said once, dropped, monitoring goes on.
            List<Reading> ahead = market.points().stream().filter(p -> p.time().isAfter(time)).toList();
            Reading last = ahead.get(ahead.size() - 1);
            suspects.add(new SuspectReading(null, last.time(), last.value(), ahead.size() + " stored reading(s) after "
                    + "this check's time " + time + ", up to " + last.time() + ": dropped (a clock that went back, or "
                    + "a state written by a machine with a wrong clock)", SuspectReading.Status.DROPPED, ahead.get(0).time()));
            nextMarket = market.upTo(time);
        }
        if (totalMarketCapUsd != null) {
            Optional<Reading> last = nextMarket.latest();
            ReadingGuard.Judgement judgement = guard.judge(null, last.map(Reading::value).orElse(null),
                    last.map(Reading::time).orElse(null), nextMarket.held().orElse(null), totalMarketCapUsd, time);
            suspects.addAll(judgement.events());
            if (judgement.takeHeld()) {
                SuspectReading held = nextMarket.held().orElseThrow();
                nextMarket = nextMarket.append(new Reading(held.time(), held.value()), retention);
            }
            if (judgement.takeReading()) {
                nextMarket = nextMarket.append(new Reading(time, totalMarketCapUsd), retention);
            }
            nextMarket = nextMarket.withHeld(judgement.hold());
        }
        Map<String, CoinHistory> nextCoins = new TreeMap<>(coins);
        for (Map.Entry<String, Double> p : prices.entrySet()) {
            CoinHistory coin = coin(p.getKey());
            // Before its first live price, a coin's yardstick is its last daily price (bootstrap, import),
            // so that a first reading of $1 is doubted like any other.
            Double accepted = coin.latestPrice().orElseGet(() -> coin.isEmpty() ? null : coin.dailyLows().lastEntry().getValue());
            Instant acceptedAt = coin.latestTime().orElseGet(() -> coin.isEmpty() ? null
                    : coin.dailyLows().lastKey().atTime(12, 0).toInstant(ZoneOffset.UTC));
            ReadingGuard.Judgement judgement = guard.judge(p.getKey(), accepted, acceptedAt, coin.held().orElse(null),
                    p.getValue(), time);
            suspects.addAll(judgement.events());
            CoinHistory next = coin;
            if (judgement.takeHeld()) {
                SuspectReading held = coin.held().orElseThrow();
                next = next.observe(held.time(), held.value(), coinRetention);
            }
            if (judgement.takeReading()) {
                next = next.observe(time, p.getValue(), coinRetention);
            }
            nextCoins.put(p.getKey(), next.withHeld(judgement.hold()));
        }
        return new Recorded(new History(nextMarket, nextCoins), suspects);
    }

    public History withCoin(String coinId, CoinHistory coin) {
        Map<String, CoinHistory> nextCoins = new TreeMap<>(coins);
        nextCoins.put(coinId, coin);
        return new History(market, nextCoins);
    }

    public MarketHistory market() {
        return market;
    }

    public Map<String, CoinHistory> coins() {
        return coins;
    }

    public CoinHistory coin(String coinId) {
        return coins.getOrDefault(coinId, CoinHistory.empty());
    }
}
