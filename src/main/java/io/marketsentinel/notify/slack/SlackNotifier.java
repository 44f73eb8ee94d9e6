package io.marketsentinel.notify.slack;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.http.HttpAnswers;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifier;
import io.marketsentinel.http.Secrets;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Posts to a Slack incoming webhook through {@link SlackWebhookApi}. 200 with body {@code ok} is
 * delivered; 429 (with its Retry-After), 5xx, timeouts and connection failures are retryable; any
 * other answer is permanent and reported with Slack's error string ({@code invalid_payload},
 * {@code channel_not_found}, {@code channel_is_archived}, ...). A 200 with another body is
 * permanent too: retrying something that may have been posted would risk a storm. The webhook
 * URL is a secret and only ever appears redacted.
 */
public final class SlackNotifier implements Notifier {

    private final SlackWebhookApi api;
    private final String webhookUrl;
    private final String redacted;
    private final List<String> secrets;
    private final Duration timeout;
    private final Clock clock;

    /** @param api the REST client, injected once (see {@link SlackNotifiers}) */
    SlackNotifier(SlackWebhookApi api, String webhookUrl, Duration timeout, Clock clock) {
        this.redacted = HttpAnswers.redactUrl(webhookUrl);
        this.secrets = List.of(webhookUrl);
        this.timeout = timeout;
        this.clock = clock;
        this.webhookUrl = webhookUrl;
        this.api = api;
    }

    /**
     * Renders {@code sample} and posts it, through the same client instance, to the loopback stub, which
     * answers "ok": the REST client's POST path and first connection are done at init, and nothing
     * reaches Slack.
     */
    @Override
    public void prime(Notification sample, URI loopbackStub) {
        try (Response response = HttpAnswers.within(api.post(loopbackStub.resolve("/services/prime").toString(),
                SlackMessage.render(sample)), timeout)) {
            classify(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "", null);
        } catch (TimeoutException e) {
            throw new ProcessingException("priming post timed out", e);
        }
    }

    @Override
    public String channel() {
        return "slack";
    }

    /** One whole post, answer included, is bounded by the timeout. */
    @Override
    public Duration worstCase() {
        return timeout;
    }

    @Override
    public DeliveryResult deliver(Notification notification, Instant deadline) {
        SlackMessage message = SlackMessage.render(notification);
        // The whole send (connect, request, the complete answer) within the timeout and the deadline:
        // a Slack that dribbles its answer cannot hold up the run or the other channels.
        Duration limit = HttpAnswers.limit(timeout, clock.instant(), deadline);
        try (Response response = HttpAnswers.within(api.post(webhookUrl, message), limit)) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return classify(response.getStatus(), body, response.getHeaderString("Retry-After"));
        } catch (TimeoutException e) {
            // The post may have reached Slack: sent again next run (Slack webhooks have no idempotency key).
            return DeliveryResult.unknown("Slack webhook " + redacted + " did not answer within " + limit.toMillis() + " ms");
        } catch (ProcessingException e) {
            if (HttpAnswers.unreachable(e)) {
                return DeliveryResult.retryable("Slack webhook " + redacted + " unreachable: " + describe(e));
            }
            if (HttpAnswers.timedOut(e)) {
                return DeliveryResult.unknown("Slack webhook " + redacted + " did not answer within " + limit.toMillis() + " ms");
            }
            return DeliveryResult.retryable("Slack webhook " + redacted + " unreachable: " + describe(e));
        }
    }

    DeliveryResult classify(int status, String responseBody, String retryAfter) {
        String error = Secrets.scrub(responseBody == null ? "" : responseBody.strip(), secrets);
        if (error.length() > 200) {
            error = error.substring(0, 200) + "\u2026";
        }
        String prefix = "Slack webhook " + redacted + " answered HTTP " + status;
        switch (HttpAnswers.classify(status)) {
            case OK:
                return status == 200 && error.equalsIgnoreCase("ok")
                        ? DeliveryResult.delivered("ok")
                        : DeliveryResult.permanent(prefix + " with unexpected body '" + error + "'");
            case RETRYABLE:
                if (status == 429) {
                    Optional<Duration> wait = HttpAnswers.retryAfter(retryAfter, clock.instant());
                    return wait.map(w -> DeliveryResult.retryable(prefix + " (rate limited, retry after " + w.toSeconds() + " s)", w))
                            .orElseGet(() -> DeliveryResult.retryable(prefix + " (rate limited)"));
                }
                return DeliveryResult.retryable(prefix + (error.isEmpty() ? "" : ": " + error));
            default:
                return DeliveryResult.permanent(prefix + ": " + (error.isEmpty() ? "no error string" : error));
        }
    }

    /** The innermost cause's message, scrubbed: transport errors may quote the URL. */
    private String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return Secrets.scrub(message, secrets);
    }
}
