package io.marketsentinel.notify.teams;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.http.HttpAnswers;
import io.marketsentinel.notify.HttpNotifier;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Posts to a Microsoft Teams Workflows webhook: 202 or 200 is delivered; 429 and 5xx are retried; other
 * 4xx are permanent. The URL (with its signature) is a secret.
 */
public final class TeamsNotifier extends HttpNotifier {

    private final TeamsApi api;
    private final String webhookUrl;

    TeamsNotifier(TeamsApi api, String webhookUrl, Duration timeout, Clock clock) {
        super("teams", "Teams webhook " + HttpAnswers.redactUrl(webhookUrl), List.of(webhookUrl), timeout, clock);
        this.api = api;
        this.webhookUrl = webhookUrl;
    }

    @Override
    protected CompletionStage<Response> send(Notification notification) {
        return api.post(webhookUrl, TeamsMessage.render(notification));
    }
}
