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
     * A channel of {@code tried} refused its credentials: the channels built from the secret read again now, if
     * they differ from {@code tried} (a value changed, by this read or one since {@code tried} was taken); empty
     * when they do not (the refusal stands until the secret is fixed).
     */
    Optional<NotificationDispatcher> afterRefusal(NotificationDispatcher tried);

    /** Channels whose credentials never change (the tests, the command line without a secret). */
    static Channels fixed(NotificationDispatcher dispatcher) {
        return new Channels() {
            @Override
            public NotificationDispatcher current() {
                return dispatcher;
            }

            @Override
            public Optional<NotificationDispatcher> afterRefusal(NotificationDispatcher tried) {
                return Optional.empty();
            }
        };
    }
}
