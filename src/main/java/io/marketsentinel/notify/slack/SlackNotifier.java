package io.marketsentinel.notify.slack;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.http.HttpAnswers;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.HttpNotifier;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Posts to a Slack incoming webhook through {@link SlackWebhookApi}. 200 with body {@code ok} is
 * delivered; 429 (with its Retry-After), 5xx, timeouts and connection failures are retryable; any
 * other answer is permanent and reported with Slack's error string ({@code invalid_payload},
 * {@code channel_not_found}, {@code channel_is_archived}, ...). A 200 with another body is
 * permanent too: retrying something that may have been posted would risk a storm. The webhook
 * URL is a secret and only ever appears redacted.
 */
public final class SlackNotifier extends HttpNotifier {

    private final SlackWebhookApi api;
    private final String webhookUrl;

    /** @param api the REST client, injected once (see {@link SlackNotifiers}) */
    SlackNotifier(SlackWebhookApi api, String webhookUrl, Duration timeout, Clock clock) {
        super("slack", "Slack webhook " + HttpAnswers.redactUrl(webhookUrl), List.of(webhookUrl), timeout, clock);
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
                SlackMessage.render(sample)), worstCase())) {
            answer(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "", null);
        } catch (TimeoutException e) {
            throw new ProcessingException("priming post timed out", e);
        }
    }

    /** A post that gets no answer in time may have reached Slack: sent again next run (Slack has no idempotency key). */
    @Override
    protected CompletionStage<Response> send(Notification notification) {
        return api.post(webhookUrl, SlackMessage.render(notification));
    }

    /**
     * Slack's own answers: only 200 {@code ok} is delivered (another 2xx body is permanent: retrying
     * something that may have been posted would risk a storm); 429 is a rate limit; a refusal without
     * Slack's error string says so.
     */
    @Override
    protected DeliveryResult answer(int status, String body, String retryAfterHeader) {
        String prefix = shownAs() + " answered HTTP " + status;
        if (status >= 200 && status < 300) {
            return status == 200 && body.equalsIgnoreCase("ok") ? DeliveryResult.delivered("ok")
                    : DeliveryResult.permanent(prefix + " with unexpected body '" + cut(body) + "'");
        }
        if (status == 429) {
            return retryable(prefix + " (rate limited)", HttpAnswers.retryAfter(retryAfterHeader, clock.instant()));
        }
        if (body.isEmpty() && !credentialsRefused(status) && HttpAnswers.classify(status) == HttpAnswers.Verdict.PERMANENT) {
            return DeliveryResult.permanent(prefix + ": no error string");
        }
        return super.answer(status, body, retryAfterHeader);
    }
}
