package io.marketsentinel.notify.teams;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Duration;

/** Makes the Teams channel on the one {@link TeamsApi} REST client; looked up only when a webhook is set. */
@Singleton
public class TeamsNotifiers {

    private final TeamsApi api;

    @Inject
    TeamsNotifiers(@RestClient TeamsApi api) {
        this.api = api;
    }

    public TeamsNotifier notifier(String webhookUrl, Duration timeout, Clock clock) {
        return new TeamsNotifier(api, webhookUrl, timeout, clock);
    }
}
