package io.marketsentinel.notify.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.notify.Notifications;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.Loopback;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Slack that answers each post slowly, with alerts queued: a post starts only when the run's budget
 * covers Slack's timeout, so none is cut in flight and each alert is accepted exactly once over the runs
 * (the hardening round's case of 8 alerts at 8 s each, at an eighth of the time: 1 s a post, a 2 s
 * timeout, runs of 4.5 s). A Quarkus test because the notifier is a Quarkus REST Client.
 */
@QuarkusTest
@WithTestResource(FakeServers.class)
class SlowSlackTest {

    /** The REST client as the function gets it. */
    @Inject
    @RestClient
    SlackWebhookApi api;

    private static final String PATH = "/services/T0SLOW/B0SLOW/slowS3cret";

    private final WireMockServer slack = Loopback.wireMock();

    @AfterEach
    void stop() {
        slack.stop();
    }

    @Test
    void eachOfEightAlertsIsAcceptedExactlyOnceOverTheFollowingRunsAndEveryRunEndsByItsDeadline() {
        slack.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ok").withFixedDelay(1_000)));
        SlackNotifier notifier = new SlackNotifier(api, "http://127.0.0.1:" + slack.port() + PATH,
                Duration.ofSeconds(2), Clock.systemUTC());
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(notifier), Duration.ofDays(3650),
                Clock.systemUTC());
        Outbox outbox = Outbox.empty();
        for (int i = 1; i <= 8; i++) {
            outbox = outbox.add(List.of(Notifications.drawdown("market-drawdown/1/" + i)));
        }

        List<DeliveryAttempt> tried = new ArrayList<>();
        for (int run = 1; run <= 12 && pendingOnSlack(outbox) > 0; run++) {
            Instant deadline = Instant.now().plusMillis(4_500);
            NotificationDispatcher.Dispatch d = dispatcher.dispatch(outbox, null, deadline);
            assertThat(Instant.now()).as("run %d answered by its deadline", run).isBefore(deadline.plusMillis(500));
            tried.addAll(d.attempts());
            outbox = d.outbox();
        }

        assertThat(pendingOnSlack(outbox)).as("all delivered").isZero();
        assertThat(tried).filteredOn(a -> a.outcome() != DeliveryResult.Outcome.NOT_STARTED)
                .as("no post was cut or refused").allMatch(a -> a.outcome() == DeliveryResult.Outcome.DELIVERED);
        assertThat(outbox.pending()).allSatisfy(n -> assertThat(n.channels().get("slack").attempts()).isEqualTo(1));
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo(PATH)))).as("each alert posted once").hasSize(8);
    }

    private static long pendingOnSlack(Outbox outbox) {
        return outbox.pending().stream()
                .map(Notification::channels)
                .filter(c -> c.get("slack").status() == ChannelDelivery.Status.PENDING)
                .count();
    }
}
