package io.marketsentinel.history;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One reading of the total crypto market capitalisation in USD, taken at {@code time}, in whole
 * dollars (cents of a trillion-dollar market mean nothing and would only bloat the state) and whole
 * seconds (as stored).
 */
public record MarketPoint(Instant time, double totalMarketCapUsd) {

    public MarketPoint {
        Objects.requireNonNull(time, "time");
        time = time.truncatedTo(ChronoUnit.SECONDS);
        if (!(totalMarketCapUsd > 0) || Double.isInfinite(totalMarketCapUsd)) {
            throw new IllegalArgumentException("total market cap must be a positive number, got " + totalMarketCapUsd);
        }
        totalMarketCapUsd = Math.rint(totalMarketCapUsd);
    }
}
