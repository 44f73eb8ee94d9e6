package io.marketsentinel.notify;

import io.marketsentinel.alerting.Notification;

import java.net.URI;
import java.time.Instant;

/**
 * One delivery channel. {@link #deliver} never throws for a failed send: it says what happened,
 * and never puts a secret (webhook URL, password) into what it says.
 */
public interface Notifier {

    /** The channel's name as the outbox and the report know it: "slack", "email", "console". */
    String channel();

    /**
     * Sends {@code notification}, answered by {@code deadline} (the run's delivery budget): a channel
     * bounds its own exchange by the earlier of its timeout and the deadline.
     */
    DeliveryResult deliver(Notification notification, Instant deadline);

    /**
     * Does at init what the first send would do for the first time (load classes, build clients,
     * render a message), without sending anything, so that a SnapStart snapshot holds it.
     */
    default void prime(Notification sample, URI loopbackStub) {
    }
}
