package io.marketsentinel.notify.pagerduty;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Duration;

/** Makes the PagerDuty channel on the one {@link PagerDutyApi} REST client; looked up only when a routing key is set. */
@Singleton
public class PagerDutyNotifiers {

    private final PagerDutyApi api;

    @Inject
    PagerDutyNotifiers(@RestClient PagerDutyApi api) {
        this.api = api;
    }

    public PagerDutyNotifier notifier(String url, String routingKey, Duration timeout, Clock clock) {
        return new PagerDutyNotifier(api, url, routingKey, timeout, clock);
    }
}
