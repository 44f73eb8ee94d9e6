package io.marketsentinel.history;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One reading: a value (USD) at a time. The one (time, value) shape of the history and its inputs —
 * the market's run-resolution totals, a chart from CoinGecko, a batch the guard filters.
 */
public record Reading(Instant time, double value) {

    public Reading {
        Objects.requireNonNull(time, "time");
    }

    /**
     * This reading in whole seconds and whole dollars, as the market history keeps its totals: cents
     * of a trillion-dollar market mean nothing and would only bloat the state.
     */
    public Reading wholeSecondsAndDollars() {
        return new Reading(time.truncatedTo(ChronoUnit.SECONDS), Math.rint(value));
    }
}
