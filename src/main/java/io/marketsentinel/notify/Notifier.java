package io.marketsentinel.notify;

import io.marketsentinel.alerting.Notification;

/**
 * One delivery channel. {@link #deliver} never throws for a failed send: it says what happened,
 * and never puts a secret (webhook URL, password) into what it says.
 */
public interface Notifier {

    /** The channel's name as the outbox and the report know it: "slack", "email", "console". */
    String channel();

    DeliveryResult deliver(Notification notification);
}
