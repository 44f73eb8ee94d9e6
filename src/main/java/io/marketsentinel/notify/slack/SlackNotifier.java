package io.marketsentinel.notify.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifier;
import io.marketsentinel.notify.Secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Posts to a Slack incoming webhook. 200 with body {@code ok} is delivered; 429 (with its
 * Retry-After), 5xx, timeouts and connection failures are retryable; any other answer is
 * permanent and reported with Slack's error string ({@code invalid_payload},
 * {@code channel_not_found}, {@code channel_is_archived}, ...). A 200 with another body is
 * permanent too: retrying something that may have been posted would risk a storm. The webhook
 * URL is a secret and only ever appears redacted.
 */
public final class SlackNotifier implements Notifier {

    private final URI webhook;
    private final String redacted;
    private final List<String> secrets;
    private final Duration timeout;
    private final ObjectMapper mapper;

    public SlackNotifier(String webhookUrl, Duration timeout, ObjectMapper mapper) {
        this.webhook = URI.create(webhookUrl);
        this.redacted = Secrets.redactUrl(webhookUrl);
        this.secrets = List.of(webhookUrl);
        this.timeout = timeout;
        this.mapper = mapper;
    }

    @Override
    public String channel() {
        return "slack";
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(SlackMessage.render(notification));
        } catch (JsonProcessingException e) {
            return DeliveryResult.permanent("message could not be rendered: " + e.getOriginalMessage());
        }
        try {
            return post(body);
        } catch (SocketTimeoutException e) {
            return DeliveryResult.retryable("Slack webhook " + redacted + " timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return DeliveryResult.retryable("Slack webhook " + redacted + " unreachable: "
                    + Secrets.scrub(String.valueOf(e.getMessage()), secrets));
        }
    }

    /** One POST with the JDK's HttpURLConnection (light on a cold start; no redirects followed). */
    private DeliveryResult post(byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) webhook.toURL().openConnection();
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return classify(status, text, connection.getHeaderField("Retry-After"));
        } finally {
            connection.disconnect();
        }
    }

    DeliveryResult classify(int status, String responseBody, String retryAfter) {
        String error = Secrets.scrub(responseBody == null ? "" : responseBody.strip(), secrets);
        if (error.length() > 200) {
            error = error.substring(0, 200) + "\u2026";
        }
        String prefix = "Slack webhook " + redacted + " answered HTTP " + status;
        if (status == 200) {
            return error.equalsIgnoreCase("ok")
                    ? DeliveryResult.delivered("ok")
                    : DeliveryResult.permanent(prefix + " with unexpected body '" + error + "'");
        }
        if (status == 429) {
            Duration wait = parseRetryAfter(retryAfter);
            return DeliveryResult.retryable(prefix + " (rate limited, retry after " + wait.toSeconds() + " s)", wait);
        }
        if (status >= 500) {
            return DeliveryResult.retryable(prefix + (error.isEmpty() ? "" : ": " + error));
        }
        return DeliveryResult.permanent(prefix + ": " + (error.isEmpty() ? "no error string" : error));
    }

    private static Duration parseRetryAfter(String header) {
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (RuntimeException e) {
            return Duration.ofSeconds(30);
        }
    }
}
