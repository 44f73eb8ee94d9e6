package io.marketsentinel.market;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One check's validated readings.
 *
 * @param takenAt           when the function took the reading (its clock)
 * @param totalMarketCapUsd the total crypto market cap in USD
 * @param marketUpdatedAt   CoinGecko's {@code updated_at} for the total
 * @param coins             each watched coin's price and CoinGecko's {@code last_updated_at}
 */
public record MarketSnapshot(Instant takenAt, double totalMarketCapUsd, Instant marketUpdatedAt,
                             Map<String, CoinQuote> coins) {

    public MarketSnapshot {
        coins = Collections.unmodifiableMap(new LinkedHashMap<>(coins));
    }

    /** A coin's USD price and when CoinGecko last updated it. */
    public record CoinQuote(double priceUsd, Instant updatedAt) {
    }

    public Map<String, Double> prices() {
        Map<String, Double> prices = new LinkedHashMap<>();
        coins.forEach((id, quote) -> prices.put(id, quote.priceUsd()));
        return prices;
    }
}
