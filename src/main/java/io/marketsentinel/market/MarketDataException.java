package io.marketsentinel.market;

/**
 * CoinGecko could not be used for this run: unreachable, rate limited, or its answer was not
 * trustworthy. The message names the endpoint and, for bad data, the field. Nothing is stored.
 */
public class MarketDataException extends RuntimeException {

    private final boolean retryable;

    public MarketDataException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** Whether a later run may succeed with the same request (outage, rate limit), as opposed to bad config. */
    public boolean retryable() {
        return retryable;
    }
}
