package io.marketsentinel.replay;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of history: a time, the total market cap if observed then, and the coin prices observed
 * then (an empty cell in the CSV is "not observed", so hourly totals and daily prices can share a file).
 */
public record Observation(Instant time, Double totalMarketCapUsd, Map<String, Double> prices) {

    public Observation {
        prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }
}
