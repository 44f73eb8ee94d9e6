package io.marketsentinel.notify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.http.HttpAnswers;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.HttpNotifier;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Posts the notification record as JSON (the report's shape) to the user's endpoint, signed as the
 * Standard Webhooks specification says. {@code webhook-id} is the notification's id, the same on
 * every retry, so a receiver can tell a repeat (a send whose outcome was unknown) from news. 2xx is
 * delivered; 410 means the receiver is gone (permanent); 429 and 5xx are retried.
 */
public final class WebhookNotifier extends HttpNotifier {

    private final WebhookApi api;
    private final String url;
    private final WebhookSigner signer;
    private final ObjectMapper mapper;

    WebhookNotifier(WebhookApi api, String url, String secret, Duration timeout, Clock clock, ObjectMapper mapper) {
        super("webhook", "webhook " + HttpAnswers.redactUrl(url), List.of(url, secret), timeout, clock);
        this.api = api;
        this.url = url;
        this.signer = new WebhookSigner(secret);
        this.mapper = mapper;
    }

    /** Each alert is its own incident (or event, with its own id): never folded into a "while you were away". */
    @Override
    public boolean combinesMessages() {
        return false;
    }

    @Override
    protected CompletionStage<Response> send(Notification notification) {
        String body;
        try {
            body = mapper.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification could not be written as JSON", e);
        }
        long timestamp = clock.instant().getEpochSecond();
        return api.post(url, notification.id(), Long.toString(timestamp), signer.sign(notification.id(), timestamp, body),
                body);
    }

    @Override
    protected DeliveryResult answer(int status, String body, String retryAfterHeader) {
        if (status == 410) {
            return DeliveryResult.permanent(shownAs() + " answered HTTP 410: the receiver is gone");
        }
        return super.answer(status, body, retryAfterHeader);
    }
}
