package io.marketsentinel.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
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

    /** Records one observation: the total (if any) and each coin price (if any) at {@code time}. */
    public History record(Instant time, Double totalMarketCapUsd, Map<String, Double> prices, Duration retention) {
        MarketHistory nextMarket = totalMarketCapUsd == null
                ? market
                : market.append(new MarketPoint(time, totalMarketCapUsd), retention);
        Map<String, CoinHistory> nextCoins = new TreeMap<>(coins);
        prices.forEach((coin, price) -> nextCoins.put(coin, coin(coin).observe(time, price)));
        return new History(nextMarket, nextCoins);
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
