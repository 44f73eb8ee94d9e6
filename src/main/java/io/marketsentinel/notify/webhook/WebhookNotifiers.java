package io.marketsentinel.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Duration;

/** Makes the webhook channel on the one {@link WebhookApi} REST client; looked up only when a URL is set. */
@Singleton
public class WebhookNotifiers {

    private final WebhookApi api;
    private final ObjectMapper mapper;

    @Inject
    WebhookNotifiers(@RestClient WebhookApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    /** The channel posting to {@code url} (a secret), signed with {@code secret} ({@code whsec_…}). */
    public WebhookNotifier notifier(String url, String secret, Duration timeout, Clock clock) {
        return new WebhookNotifier(api, url, secret, timeout, clock, mapper);
    }
}
