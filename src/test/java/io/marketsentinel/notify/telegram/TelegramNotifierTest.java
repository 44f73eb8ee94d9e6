package io.marketsentinel.notify.telegram;

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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The Telegram Bot API stood in for by the tests' server (its base URL is sentinel.notify.telegram.base-url). */
@QuarkusTest
@WithTestResource(FakeServers.class)
class TelegramNotifierTest {

    private static final String TOKEN = "123456789:AAE-T3legramS3cretTokenPart";
    private static final String PATH = "/bot" + TOKEN + "/sendMessage";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @RestClient
    TelegramApi api;

    private TelegramNotifier notifier;
    private WireMockServer telegram;

    @BeforeEach
    void reset() {
        telegram = FakeServers.telegram();
        telegram.resetAll();
        notifier = new TelegramNotifier(api, TOKEN, "-1001234567890", Duration.ofSeconds(3), Clock.systemUTC());
    }

    private JsonNode sent() throws Exception {
        return JSON.readTree(telegram.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0).getBodyAsString());
    }

    @Test
    void sendsEscapedHtmlToTheChat() throws Exception {
        telegram.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":42}}")));

        DeliveryResult result = notifier.deliver(Notifications.drawdown("market-drawdown/1/1"), null);

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        JsonNode message = sent();
        assertThat(message.path("chat_id").asText()).isEqualTo("-1001234567890");
        assertThat(message.path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(message.path("text").asText()).startsWith("<b>Crypto market down $468.2B").contains("Drop (%): 15.5%");
    }

    @Test
    void aLongNotificationIsCutWithAnEllipsisAndItsMarkupReadsAsItself() throws Exception {
        telegram.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"ok\":true}")));

        assertThat(notifier.deliver(LongNotifications.twentyCoinsAndAHugeFact(), null).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        String text = sent().path("text").asText();
        assertThat(text.length()).isLessThanOrEqualTo(4096);
        assertThat(text).endsWith("\u2026").contains("&lt;b&gt;at&lt;/b&gt;").contains("&amp; more").doesNotContain("<tags>");
    }

    @Test
    void aChartGoesAsAPhotoWithTheMessageAsItsCaptionCutToTelegramsLimit() {
        String photoPath = "/bot" + TOKEN + "/sendPhoto";
        telegram.stubFor(post(urlPathEqualTo(photoPath)).willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":43}}")));
        Chart chart = Charts.sample();

        assertThat(notifier.takesCharts()).isTrue();
        assertThat(notifier.deliver(Notifications.drawdown("market-drawdown/1/1"), chart, null).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(notifier.deliver(LongNotifications.twentyCoinsAndAHugeFact(), chart, null).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);

        List<LoggedRequest> sent = telegram.findAll(postRequestedFor(urlPathEqualTo(photoPath)));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).getHeader("Content-Type")).startsWith("multipart/form-data");
        assertThat(part(sent.get(0), "chat_id").getBody().asString()).isEqualTo("-1001234567890");
        assertThat(part(sent.get(0), "parse_mode").getBody().asString()).isEqualTo("HTML");
        assertThat(part(sent.get(0), "caption").getBody().asString()).startsWith("<b>Crypto market down $468.2B");
        Request.Part photo = part(sent.get(0), "photo");
        assertThat(photo.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        assertThat(photo.getHeader("Content-Disposition").firstValue()).contains("filename=\"market-drawdown.png\"");
        assertThat(photo.getBody().asBytes()).isEqualTo(chart.png());
        String longCaption = part(sent.get(1), "caption").getBody().asString();
        assertThat(longCaption.length()).as("a caption is at most 1,024 characters").isLessThanOrEqualTo(1024);
        assertThat(longCaption).endsWith("\u2026");
        assertThat(telegram.findAll(postRequestedFor(urlPathEqualTo(PATH)))).as("no second message beside the photo").isEmpty();
    }

    private static Request.Part part(LoggedRequest request, String name) {
        return request.getParts().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no part " + name + " in " + request.getBodyAsString()));
    }

    @Test
    void aRateLimitWaitsTelegramsRetryAfterAndABlockedBotIsPermanent() {
        telegram.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Content-Type",
                "application/json").withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry "
                + "after 17\",\"parameters\":{\"retry_after\":17}}")));
        DeliveryResult limited = notifier.deliver(Notifications.drawdown("x/1/1"), null);
        assertThat(limited.outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(17));

        telegram.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403).withHeader("Content-Type",
                "application/json").withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was "
                + "blocked by the user (token " + TOKEN + ")\"}")));
        DeliveryResult blocked = notifier.deliver(Notifications.drawdown("x/1/1"), null);
        assertThat(blocked.outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
        assertThat(blocked.detail()).contains("bot was blocked by the user").doesNotContain("T3legramS3cret")
                .doesNotContain("123456789");
    }

    /** A revoked token is for the secret's owner to fix: the alert waits for it (a blocked bot, above, does not). */
    @Test
    void aRevokedTokenRefusesTheCredentials() {
        telegram.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401).withHeader("Content-Type",
                "application/json").withBody("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}")));
        DeliveryResult revoked = notifier.deliver(Notifications.drawdown("x/1/1"), null);
        assertThat(revoked.outcome()).isEqualTo(DeliveryResult.Outcome.REFUSED);
        assertThat(revoked.tryLater()).isTrue();
        assertThat(revoked.detail()).contains("HTTP 401: Unauthorized").contains("credentials refused")
                .doesNotContain("T3legramS3cret");
    }
}
