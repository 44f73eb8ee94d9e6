package io.marketsentinel.lambda;

/** The handler was given an event it does not understand; nothing was run. */
public class UnsupportedEventException extends RuntimeException {

    public UnsupportedEventException(String message) {
        super(message);
    }
}
