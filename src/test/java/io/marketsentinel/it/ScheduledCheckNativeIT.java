package io.marketsentinel.it;

import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled check against the native executable ({@code ./mvnw -Pnative verify}, run by the
 * native GitHub workflow): events through the mock event server, CoinGecko and Slack on WireMock.
 */
@QuarkusIntegrationTest
@WithTestResource(NativeFakeServers.class)
class ScheduledCheckNativeIT {

    private static JsonPath scheduled(double totalBillions) throws Exception {
        return NativeChecks.scheduled(NativeFakeServers.coinGecko, totalBillions);
    }

    @Test
    void aDropNotifiesSlackOnceAndAnUnknownEventIsRefused() throws Exception {
        Files.deleteIfExists(Path.of("target/native-it-state/state.json"));
        CoinGeckoStubs.dailyChart(NativeFakeServers.coinGecko, "bitcoin", Instant.now(), 365, 70_000, Map.of());
        NativeFakeServers.slack.stubFor(post(urlPathEqualTo(NativeFakeServers.SLACK_PATH))
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        assertThat(scheduled(3014.7).getString("outcome")).isEqualTo("ok");
        JsonPath drop = scheduled(2562.5);
        assertThat(drop.getString("decisions.find { it.rule == 'market-drawdown' }.kind")).isEqualTo("NEW");
        assertThat(scheduled(2562.5).getList("notifications")).isEmpty();
        NativeFakeServers.slack.verify(1, postRequestedFor(urlPathEqualTo(NativeFakeServers.SLACK_PATH)));

        Response refused = Events.post(Events.fixture("sqs-event.json"));
        assertThat(refused.asString()).contains("unsupported event");
        NativeFakeServers.slack.verify(1, postRequestedFor(urlPathEqualTo(NativeFakeServers.SLACK_PATH)));
    }
}
