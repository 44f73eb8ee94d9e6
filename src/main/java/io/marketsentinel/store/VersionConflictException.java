package io.marketsentinel.store;

/** Another run saved the state after this run loaded it: this run lost the race and stores nothing. */
public class VersionConflictException extends StoreException {

    public VersionConflictException(long expected, String actual) {
        super("state version conflict: expected " + expected + ", found " + actual + "; another run won");
    }
}
