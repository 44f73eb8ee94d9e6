package io.marketsentinel.notify.slack;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Duration;

/**
 * Makes the Slack channel on the one {@link SlackWebhookApi} REST client Quarkus builds from
 * {@code quarkus.rest-client.slack.*}; looked up by the composition root only when a webhook is set,
 * so that no Slack client is built otherwise.
 */
@Singleton
public class SlackNotifiers {

    private final SlackWebhookApi api;

    @Inject
    SlackNotifiers(@RestClient SlackWebhookApi api) {
        this.api = api;
    }

    /** The channel posting to {@code webhookUrl} (a secret), each post bounded by {@code timeout}. */
    public SlackNotifier notifier(String webhookUrl, Duration timeout, Clock clock) {
        return new SlackNotifier(api, webhookUrl, timeout, clock);
    }
}
