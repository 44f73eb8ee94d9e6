package io.marketsentinel.notify.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.Notification;
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
import java.util.concurrent.CompletionStage;

/**
 * Sends through a Telegram bot: 200 with {@code "ok":true} is delivered; 429 waits the
 * {@code parameters.retry_after} Telegram gives; 401 and 404 refuse the bot token (a secret: it is in the
 * URL); 400 and 403 (chat not found, bot blocked or kicked) are permanent, with Telegram's description;
 * 5xx is retried.
 */
public final class TelegramNotifier extends HttpNotifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TelegramApi api;
    private final String token;
    private final String chatId;

    TelegramNotifier(TelegramApi api, String token, String chatId, Duration timeout, Clock clock) {
        super("telegram", "Telegram bot", List.of(token), timeout, clock);
        this.api = api;
        this.token = token;
        this.chatId = chatId;
    }

    @Override
    protected CompletionStage<Response> send(Notification notification) {
        return api.sendMessage(token, TelegramMessage.render(notification, chatId));
    }

    @Override
    public boolean takesCharts() {
        return true;
    }

    /** The chart as a photo, the message as its caption (cut at Telegram's 1,024 characters). */
    @Override
    protected CompletionStage<Response> send(Notification notification, Chart chart) {
        ClientMultipartForm form = ClientMultipartForm.create()
                .attribute("chat_id", chatId, null)
                .attribute("caption", TelegramMessage.caption(notification), null)
                .attribute("parse_mode", "HTML", null)
                .binaryFileUpload("photo", chart.fileName(), Buffer.buffer(chart.png()), "image/png");
        return api.sendPhoto(token, form);
    }

    @Override
    protected DeliveryResult answer(int status, String body, String retryAfterHeader) {
        JsonNode answer = parse(body);
        String description = answer.path("description").asText("");
        if (status == 200) {
            return answer.path("ok").asBoolean(false) ? DeliveryResult.delivered("ok")
                    : DeliveryResult.permanent(shownAs() + " answered 200 without ok: " + cut(body));
        }
        if (status == 429) {
            JsonNode seconds = answer.at("/parameters/retry_after");
            Optional<Duration> wait = seconds.isNumber() && seconds.asLong() > 0
                    ? Optional.of(Duration.ofSeconds(seconds.asLong())) : Optional.empty();
            return retryable(shownAs() + " answered HTTP 429 (" + cut(description) + ")", wait);
        }
        return super.answer(status, description.isEmpty() ? body : description, retryAfterHeader);
    }

    /** 403 is about the chat (the bot was blocked or kicked), not the token. */
    @Override
    protected boolean credentialsRefused(int status) {
        return status == 401 || status == 404;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
