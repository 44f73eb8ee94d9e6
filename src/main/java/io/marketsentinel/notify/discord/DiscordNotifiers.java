package io.marketsentinel.notify.discord;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Duration;

/** Makes the Discord channel on the one {@link DiscordApi} REST client; looked up only when a webhook is set. */
@Singleton
public class DiscordNotifiers {

    private final DiscordApi api;

    @Inject
    DiscordNotifiers(@RestClient DiscordApi api) {
        this.api = api;
    }

    public DiscordNotifier notifier(String webhookUrl, Duration timeout, Clock clock) {
        return new DiscordNotifier(api, webhookUrl, timeout, clock);
    }
}
