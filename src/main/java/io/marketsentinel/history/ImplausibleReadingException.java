package io.marketsentinel.history;

/** A reading outside what it could possibly be (non-finite, not positive, absurdly small or large); nothing is stored. */
public class ImplausibleReadingException extends IllegalArgumentException {

    public ImplausibleReadingException(String message) {
        super(message);
    }
}
