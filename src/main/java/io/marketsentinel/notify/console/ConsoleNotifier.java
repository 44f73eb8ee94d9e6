package io.marketsentinel.notify.console;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifier;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/** With no channel configured, notifications are printed (logged), so a local run shows them. */
public final class ConsoleNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(ConsoleNotifier.class);

    @Override
    public String channel() {
        return "console";
    }

    /** A log line: nothing to wait for. */
    @Override
    public Duration worstCase() {
        return Duration.ZERO;
    }

    @Override
    public DeliveryResult deliver(Notification n, Instant deadline) {
        LOG.infof("event=notification channel=console kind=%s rule=%s%s%n  %s%n  %s", n.kind(), n.rule(),
                n.subject() == null ? "" : " coin=" + n.subject(), n.headline(), n.text());
        return DeliveryResult.delivered("printed");
    }
}
