package io.marketsentinel.notify.pagerduty;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.HttpNotifier;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Pages through PagerDuty's Events API v2: 202 is accepted; 400 (an invalid event or routing key) is
 * permanent; 429 and 5xx are retried, and a repeat is harmless since the dedup key is the episode's.
 * The routing key is a secret.
 */
public final class PagerDutyNotifier extends HttpNotifier {

    private final PagerDutyApi api;
    private final String url;
    private final String routingKey;

    PagerDutyNotifier(PagerDutyApi api, String url, String routingKey, Duration timeout, Clock clock) {
        super("pagerduty", "PagerDuty Events API", List.of(routingKey), timeout, clock);
        this.api = api;
        this.url = url;
        this.routingKey = routingKey;
    }

    /** Each alert is its own incident (or event, with its own id): never folded into a "while you were away". */
    @Override
    public boolean combinesMessages() {
        return false;
    }

    @Override
    protected CompletionStage<Response> send(Notification notification) {
        return api.enqueue(url, PagerDutyEvent.of(notification, routingKey));
    }

    @Override
    protected DeliveryResult answer(int status, String body, String retryAfterHeader) {
        if (status == 400 && body.toLowerCase(java.util.Locale.ROOT).matches("(?s).*routing.?key.*")) {
            return DeliveryResult.credentialsRefused(shownAs() + " refused the routing key (HTTP 400): " + cut(body));
        }
        if (status == 400) {
            return DeliveryResult.permanent(shownAs() + " refused the event (HTTP 400): " + cut(body));
        }
        return super.answer(status, body, retryAfterHeader);
    }

    /** The Events API's URL is public; the routing key travels in the body. */
    @Override
    protected boolean secretEndpoint() {
        return false;
    }
}
