package io.marketsentinel.notify.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.marketsentinel.notify.Chart;
import io.marketsentinel.notify.Charts;
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

/** A Discord webhook stood in for on loopback, with Discord's documented answers and limits. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class DiscordNotifierTest {

    private static final String PATH = "/api/webhooks/1234567890/D1scordS3cretWebhookToken";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer discord;

    @Inject
    @RestClient
    DiscordApi api;

    private DiscordNotifier notifier;

    @BeforeAll
    static void start() {
        discord = Loopback.wireMock();
    }

    @AfterAll
    static void stop() {
        discord.stop();
    }

    @BeforeEach
    void reset() {
        discord.resetAll();
        notifier = new DiscordNotifier(api, "http://127.0.0.1:" + discord.port() + PATH, Duration.ofSeconds(3),
                Clock.systemUTC());
    }

    private JsonNode sent() throws Exception {
        return JSON.readTree(discord.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0).getBodyAsString());
    }

    @Test
    void aChartGoesAsTheFirstFileShownAsTheEmbedsImage() throws Exception {
        discord.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"1\"}")));
        Chart chart = Charts.sample();

        assertThat(notifier.takesCharts()).isTrue();
        assertThat(notifier.deliver(Notifications.drawdown("market-drawdown/1/1"), chart, null).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);

        LoggedRequest sent = discord.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0);
        assertThat(sent.getHeader("Content-Type")).startsWith("multipart/form-data");
        JsonNode payload = JSON.readTree(part(sent, "payload_json").getBody().asString());
        assertThat(payload.at("/embeds/0/title").asText()).startsWith("Crypto market down $468.2B");
        assertThat(payload.at("/embeds/0/image/url").asText()).isEqualTo("attachment://market-drawdown.png");
        Request.Part file = part(sent, "files[0]");
        assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        assertThat(file.getHeader("Content-Disposition").firstValue()).contains("filename=\"market-drawdown.png\"");
        assertThat(file.getBody().asBytes()).isEqualTo(chart.png());
    }

    private static Request.Part part(LoggedRequest request, String name) {
        return request.getParts().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no part " + name + " in " + request.getBodyAsString()));
    }

    @Test
    void postsOneEmbed() throws Exception {
        discord.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(204)));

        assertThat(notifier.deliver(Notifications.drawdown("market-drawdown/1/1"), null).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        JsonNode embed = sent().path("embeds").get(0);
        assertThat(embed.path("title").asText()).startsWith("Crypto market down $468.2B");
        assertThat(embed.path("fields").findValuesAsText("name")).contains("Drop (%)");
    }

    @Test
    void aLongNotificationFitsEveryDiscordLimitWithItsMarkupEscaped() throws Exception {
        discord.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(204)));

        assertThat(notifier.deliver(LongNotifications.twentyCoinsAndAHugeFact(), null).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        JsonNode message = sent();
        JsonNode embed = message.path("embeds").get(0);
        assertThat(message.path("content").asText().length()).isLessThanOrEqualTo(2000);
        assertThat(embed.path("title").asText()).hasSizeLessThanOrEqualTo(256).endsWith("\u2026");
        assertThat(embed.path("description").asText()).hasSizeLessThanOrEqualTo(4096).endsWith("\u2026");
        assertThat(embed.path("fields").size()).isLessThanOrEqualTo(25);
        int total = embed.path("title").asText().length() + embed.path("description").asText().length();
        for (JsonNode field : embed.path("fields")) {
            assertThat(field.path("value").asText()).hasSizeLessThanOrEqualTo(1024);
            total += field.path("name").asText().length() + field.path("value").asText().length();
        }
        assertThat(total).as("all of the embed's text").isLessThanOrEqualTo(6000);
        assertThat(embed.path("fields").get(0).path("value").asText()).contains("\\*star\\*").contains("\\_under\\_");
    }

    @Test
    void aRateLimitWaitsDiscordsFractionalRetryAfterAndADeletedWebhookRefusesItsUrl() {
        discord.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "2")
                .withBody("{\"message\":\"You are being rate limited.\",\"retry_after\":1.337,\"global\":false}")));
        DeliveryResult limited = notifier.deliver(Notifications.drawdown("x/1/1"), null);
        assertThat(limited.outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
        assertThat(limited.retryAfter()).contains(Duration.ofMillis(1337));

        discord.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Unknown Webhook\",\"code\":10015,\"url\":\"" + PATH + "\"}")));
        DeliveryResult gone = notifier.deliver(Notifications.drawdown("x/1/1"), null);
        assertThat(gone.outcome()).as("a deleted webhook: its URL, a secret, must be replaced")
                .isEqualTo(DeliveryResult.Outcome.REFUSED);
        assertThat(gone.detail()).contains("Unknown Webhook").doesNotContain("D1scordS3cret").doesNotContain("1234567890");
    }
}
