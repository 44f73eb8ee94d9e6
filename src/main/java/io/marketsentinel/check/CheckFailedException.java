package io.marketsentinel.check;

import io.marketsentinel.market.MarketDataException;
import io.marketsentinel.store.StoreException;

/**
 * A check (or a status read) that could not be done, with nothing stored: the one failure the
 * entry points (Lambda handler, HTTP trigger, command line) map to their answers, so that they
 * need not know the market or the store. The message names the call or the store and what was wrong.
 */
public final class CheckFailedException extends RuntimeException {

    /** What failed: the market data (CoinGecko) or the state's store. */
    public enum Source { MARKET_DATA, STORE }

    private final Source source;
    private final boolean retryable;

    private CheckFailedException(Source source, boolean retryable, String message, RuntimeException e) {
        super(message, e);
        this.source = source;
        this.retryable = retryable;
    }

    static CheckFailedException of(MarketDataException e) {
        return new CheckFailedException(Source.MARKET_DATA, e.retryable(), e.getMessage(), e);
    }

    static CheckFailedException of(StoreException e) {
        return new CheckFailedException(Source.STORE, false, e.getMessage(), e);
    }

    static CheckFailedException of(RuntimeException e) {
        return e instanceof MarketDataException m ? of(m) : of((StoreException) e);
    }

    public Source source() {
        return source;
    }

    /** Whether a later run may succeed as it is (an outage, a rate limit), as opposed to bad configuration or data. */
    public boolean retryable() {
        return retryable;
    }
}
