package io.marketsentinel.notify;

import io.marketsentinel.alerting.Notification;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * One delivery channel. {@link #deliver} never throws for a failed send: it says what happened,
 * and never puts a secret (webhook URL, password) into what it says.
 */
public interface Notifier {

    /** The channel's name as the outbox and the report know it: "slack", "email", "console". */
    String channel();

    /**
     * The longest one send can take, answered or cut: the channel's own timeout for one whole exchange
     * (for mail, up to the server's answer to the message data). A send starts only when what is left of
     * the run's delivery budget covers it, so a send is either answered or not started.
     */
    Duration worstCase();

    /**
     * Sends {@code notification}, answered by {@code deadline} (the run's delivery budget; {@code null}:
     * none but the channel's own timeout): a channel bounds its own exchange by the earlier of the two,
     * and a send it had to cut after the service may have taken it is {@link DeliveryResult#unknown}.
     */
    DeliveryResult deliver(Notification notification, Instant deadline);

    /**
     * Whether what waited through the channel's quiet hours may go as one "while you were away" message: yes
     * for people's channels; no where each alert is a thing of its own (a PagerDuty incident, a webhook event).
     */
    default boolean combinesMessages() {
        return true;
    }

    /** Whether the channel attaches a chart to what it sends (mail, Telegram, Discord). */
    default boolean takesCharts() {
        return false;
    }

    /**
     * As {@link #deliver(Notification, Instant)}, with {@code chart} attached where the channel takes
     * images ({@code null}: the text alone).
     */
    default DeliveryResult deliver(Notification notification, Chart chart, Instant deadline) {
        return deliver(notification, deadline);
    }

    /**
     * Does at init what the first send would do for the first time (load classes, build clients,
     * render a message), without sending anything, so that a SnapStart snapshot holds it.
     */
    default void prime(Notification sample, URI loopbackStub) {
    }
}
