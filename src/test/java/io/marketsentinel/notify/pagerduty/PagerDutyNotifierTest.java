package io.marketsentinel.notify.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifications;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.Loopback;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** PagerDuty's Events API v2 stood in for on loopback, with its documented answers. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class PagerDutyNotifierTest {

    private static final String PATH = "/v2/enqueue";
    private static final String ROUTING_KEY = "R0UTINGS3cretKey0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer pagerDuty;

    @Inject
    @RestClient
    PagerDutyApi api;

    private PagerDutyNotifier notifier;

    @BeforeAll
    static void start() {
        pagerDuty = Loopback.wireMock();
    }

    @AfterAll
    static void stop() {
        pagerDuty.stop();
    }

    @BeforeEach
    void reset() {
        pagerDuty.resetAll();
        pagerDuty.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}")));
        notifier = new PagerDutyNotifier(api, "http://127.0.0.1:" + pagerDuty.port() + PATH, ROUTING_KEY,
                Duration.ofSeconds(3), Clock.systemUTC());
    }

    private static Notification of(String id, DecisionKind kind) {
        Notification n = Notifications.drawdown(id);
        return new Notification(n.id(), n.createdAt(), n.rule(), n.subject(), kind, n.headline(), n.text(), n.facts(),
                Map.of("pagerduty", ChannelDelivery.pending()));
    }

    @Test
    void anEpisodeTriggersEscalatesAndResolvesOneIncident() throws Exception {
        for (Notification n : List.of(of("market-drawdown/1770206400/1", DecisionKind.NEW),
                of("market-drawdown/1770206400/2", DecisionKind.ESCALATED),
                of("market-drawdown/1770206400/3", DecisionKind.RESOLVED))) {
            assertThat(notifier.deliver(n, null).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        }

        List<JsonNode> events = pagerDuty.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream()
                .map(r -> {
                    try {
                        return JSON.readTree(r.getBodyAsString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        assertThat(events).extracting(e -> e.path("event_action").asText()).containsExactly("trigger", "trigger", "resolve");
        assertThat(events).extracting(e -> e.path("dedup_key").asText()).containsOnly("market-drawdown/1770206400");
        assertThat(events).extracting(e -> e.path("routing_key").asText()).containsOnly(ROUTING_KEY);
        assertThat(events.get(0).at("/payload/severity").asText()).isEqualTo("error");
        assertThat(events.get(1).at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(events.get(0).at("/payload/summary").asText()).startsWith("Crypto market down $468.2B");
        assertThat(events.get(0).at("/payload/source").asText()).isEqualTo("market-sentinel");
        assertThat(events.get(0).at("/payload/custom_details/dropPercent").asText()).isEqualTo("15.5%");
        assertThat(events.get(2).has("payload")).isFalse();
    }

    @Test
    void aRefusedKeyWaitsForTheSecretARefusedEventIsPermanentARateLimitIsRetriedAndTheKeyIsNeverShown() {
        pagerDuty.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Invalid "
                        + "routing key " + ROUTING_KEY + "\"]}")));
        DeliveryResult refused = notifier.deliver(of("x/1/1", DecisionKind.NEW), null);
        assertThat(refused.outcome()).isEqualTo(DeliveryResult.Outcome.REFUSED);
        assertThat(refused.detail()).contains("Event object is invalid").contains("routing key").doesNotContain(ROUTING_KEY);

        pagerDuty.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"'payload.severity' "
                        + "is invalid\"]}")));
        assertThat(notifier.deliver(of("x/1/1", DecisionKind.NEW), null).outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);

        pagerDuty.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)));
        assertThat(notifier.deliver(of("x/1/1", DecisionKind.NEW), null).outcome())
                .isEqualTo(DeliveryResult.Outcome.RETRYABLE);
    }

    @Test
    void aSummaryAndADedupKeyAreCutToPagerDutysLimits() {
        Notification n = Notifications.drawdown("market-drawdown/" + "9".repeat(300) + "/1");
        Notification longOne = new Notification(n.id(), n.createdAt(), n.rule(), n.subject(), DecisionKind.NEW,
                "x".repeat(5_000), n.text(), n.facts(), n.channels());
        PagerDutyEvent event = PagerDutyEvent.of(longOne, ROUTING_KEY);
        assertThat(event.payload().summary()).hasSize(1024).endsWith("\u2026");
        assertThat(event.dedupKey()).hasSizeLessThanOrEqualTo(255);
    }
}
