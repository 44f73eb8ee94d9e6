package io.marketsentinel.store;

/** The state could not be read or written; the message names the store and what went wrong. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
