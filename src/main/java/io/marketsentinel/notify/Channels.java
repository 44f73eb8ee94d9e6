package io.marketsentinel.notify;

import java.util.Optional;

/**
 * The configured channels as they are now. Their credentials live in a secret that may change while the
 * function runs: each run takes {@link #current()} once, and a run whose channel refused its credentials
 * asks {@link #afterRefusal()} for the channels built from the secret as it is now.
 */
public interface Channels {

    /** The channels to use for this run (rebuilt when their secret changed). */
    NotificationDispatcher current();

    /**
     * A channel refused its credentials: the channels rebuilt from the secret read again now, if any of their
     * values changed; empty when nothing did (the refusal stands until the secret is fixed).
     */
    Optional<NotificationDispatcher> afterRefusal();

    /** Channels whose credentials never change (the tests, the command line without a secret). */
    static Channels fixed(NotificationDispatcher dispatcher) {
        return new Channels() {
            @Override
            public NotificationDispatcher current() {
                return dispatcher;
            }

            @Override
            public Optional<NotificationDispatcher> afterRefusal() {
                return Optional.empty();
            }
        };
    }
}
