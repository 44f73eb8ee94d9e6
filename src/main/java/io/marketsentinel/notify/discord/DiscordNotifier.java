package io.marketsentinel.notify.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.http.HttpAnswers;
import io.marketsentinel.notify.Chart;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.HttpNotifier;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Posts to a Discord webhook: 204 or 200 is delivered; 429 waits Discord's {@code retry_after} (seconds,
 * fractional, in the JSON body; the header otherwise); 401, 403 and 404 (the webhook was deleted) refuse
 * its URL, a secret; other 4xx are permanent; 5xx is retried.
 */
public final class DiscordNotifier extends HttpNotifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DiscordApi api;
    private final String webhookUrl;

    DiscordNotifier(DiscordApi api, String webhookUrl, Duration timeout, Clock clock) {
        super("discord", "Discord webhook " + HttpAnswers.redactUrl(webhookUrl), List.of(webhookUrl), timeout, clock);
        this.api = api;
        this.webhookUrl = webhookUrl;
    }

    @Override
    protected CompletionStage<Response> send(Notification notification) {
        return api.post(webhookUrl, DiscordMessage.render(notification));
    }

    @Override
    public boolean takesCharts() {
        return true;
    }

    /** The embed as {@code payload_json}, showing the chart sent beside it as {@code files[0]}. */
    @Override
    protected CompletionStage<Response> send(Notification notification, Chart chart) {
        String payload;
        try {
            payload = JSON.writeValueAsString(DiscordMessage.render(notification, chart.fileName()));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        ClientMultipartForm form = ClientMultipartForm.create()
                .attribute("payload_json", payload, null)
                .binaryFileUpload("files[0]", chart.fileName(), Buffer.buffer(chart.png()), "image/png");
        return api.postWithFile(webhookUrl, form);
    }

    @Override
    protected DeliveryResult answer(int status, String body, String retryAfterHeader) {
        if (status == 429) {
            Optional<Duration> wait = retryAfter(body).or(() -> HttpAnswers.retryAfter(retryAfterHeader, clock.instant()));
            return retryable(shownAs() + " answered HTTP 429 (rate limited)", wait);
        }
        return super.answer(status, body, retryAfterHeader);
    }

    /** Discord's {@code {"retry_after": 1.337, ...}}, rounded up to whole milliseconds. */
    static Optional<Duration> retryAfter(String body) {
        try {
            JsonNode seconds = JSON.readTree(body).path("retry_after");
            return seconds.isNumber() && seconds.asDouble() > 0
                    ? Optional.of(Duration.ofMillis((long) Math.ceil(seconds.asDouble() * 1000))) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
