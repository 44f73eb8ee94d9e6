package io.marketsentinel.notify.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.LongNotifications;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** A Teams Workflows webhook stood in for on loopback. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class TeamsNotifierTest {

    private static final String PATH = "/workflows/4f2c9d/triggers/manual/paths/invoke";
    private static final String SIG = "Zk3T3amsS3cretSig";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer teams;

    @Inject
    @RestClient
    TeamsApi api;

    private TeamsNotifier notifier;

    @BeforeAll
    static void start() {
        teams = Loopback.wireMock();
    }

    @AfterAll
    static void stop() {
        teams.stop();
    }

    @BeforeEach
    void reset() {
        teams.resetAll();
        notifier = new TeamsNotifier(api, "http://127.0.0.1:" + teams.port() + PATH + "?api-version=2016-06-01&sig=" + SIG,
                Duration.ofSeconds(3), Clock.systemUTC());
    }

    @Test
    void postsAnAdaptiveCardWithTheFactsAsAFactSet() throws Exception {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

        assertThat(notifier.deliver(Notifications.drawdown("market-drawdown/1/1"), null).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        JsonNode message = JSON.readTree(teams.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0).getBodyAsString());
        assertThat(message.path("type").asText()).isEqualTo("message");
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode body = attachment.at("/content/body");
        assertThat(attachment.at("/content/type").asText()).isEqualTo("AdaptiveCard");
        assertThat(body.get(0).path("text").asText()).startsWith("Crypto market down $468.2B");
        assertThat(body.get(2).path("type").asText()).isEqualTo("FactSet");
        assertThat(body.get(2).path("facts").findValuesAsText("title")).contains("Drop (%)");
        assertThat(message.toString()).doesNotContain("actions");
    }

    @Test
    void aLongNotificationIsCutAndAnEchoedSignatureNeverShows() throws Exception {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(202)));
        assertThat(notifier.deliver(LongNotifications.twentyCoinsAndAHugeFact(), null).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        String body = teams.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0).getBodyAsString();
        assertThat(body.length()).as("well under Teams' 28 KB").isLessThan(28_000);

        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401).withBody("signature " + SIG
                + " refused")));
        DeliveryResult refused = notifier.deliver(Notifications.drawdown("x/1/1"), null);
        assertThat(refused.outcome()).isEqualTo(DeliveryResult.Outcome.REFUSED);
        assertThat(refused.detail()).doesNotContain(SIG).contains("***");
    }
}
