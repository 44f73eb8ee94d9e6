package io.marketsentinel.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The signed webhook against a receiver on loopback; the signature checked by a verifier written apart from the signer. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class WebhookNotifierTest {

    private static final String PATH = "/hooks/S3cretReceiverPath";
    /** "a-very-secret-signing-key" in base64. */
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "a-very-secret-signing-key".getBytes(StandardCharsets.UTF_8));
    private static WireMockServer receiver;

    @Inject
    @RestClient
    WebhookApi api;

    @Inject
    ObjectMapper mapper;

    private WebhookNotifier notifier;

    @BeforeAll
    static void start() {
        receiver = Loopback.wireMock();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @BeforeEach
    void reset() {
        receiver.resetAll();
        notifier = new WebhookNotifier(api, "http://127.0.0.1:" + receiver.port() + PATH, SECRET, Duration.ofSeconds(3),
                Clock.systemUTC(), mapper);
    }

    /** The receiver's side, as the Standard Webhooks documentation describes it. */
    private static boolean verifies(LoggedRequest request) throws Exception {
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        String signature = request.getHeader("webhook-signature");
        byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(hmac.doFinal(
                (id + "." + timestamp + "." + request.getBodyAsString()).getBytes(StandardCharsets.UTF_8)));
        boolean fresh = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300;
        return fresh && List.of(signature.split(" ")).contains("v1," + expected);
    }

    @Test
    void postsTheNotificationSignedSoThatAReceiverVerifiesIt() throws Exception {
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(204)));

        DeliveryResult result = notifier.deliver(Notifications.drawdown("market-drawdown/1770206400/1"), null);

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        LoggedRequest request = receiver.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0);
        assertThat(request.getHeader("webhook-id")).isEqualTo("market-drawdown/1770206400/1");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(mapper.readTree(request.getBodyAsString()).path("headline").asText())
                .startsWith("Crypto market down $468.2B");
        assertThat(verifies(request)).as("the signature verifies").isTrue();
    }

    @Test
    void aRetryCarriesTheSameIdSoTheReceiverCanTellARepeat() {
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        notifier.deliver(Notifications.drawdown("market-drawdown/1770206400/1"), null);
        notifier.deliver(Notifications.drawdown("market-drawdown/1770206400/1"), null);
        assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo(PATH))))
                .extracting(r -> r.getHeader("webhook-id")).containsOnly("market-drawdown/1770206400/1").hasSize(2);
    }

    @Test
    void answersAreClassifiedAndNeverShowTheUrlOrTheSecret() {
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(410)));
        assertThat(notifier.deliver(Notifications.drawdown("x/1/1"), null).outcome())
                .isEqualTo(DeliveryResult.Outcome.PERMANENT);

        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        DeliveryResult limited = notifier.deliver(Notifications.drawdown("x/1/1"), null);
        assertThat(limited.outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));

        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500)
                .withBody("no route for /hooks/S3cretReceiverPath (key " + SECRET + ")")));
        DeliveryResult echoed = notifier.deliver(Notifications.drawdown("x/1/1"), null);
        assertThat(echoed.outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
        assertThat(echoed.detail()).doesNotContain("S3cretReceiverPath").doesNotContain(SECRET).contains("***");

        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
        assertThat(notifier.deliver(Notifications.drawdown("x/1/1"), null).outcome())
                .as("no answer in time: it may have arrived").isEqualTo(DeliveryResult.Outcome.UNKNOWN);
    }

    @Test
    void aSecretThatIsNotWhsecBase64IsRefused() {
        assertThat(WebhookSigner.valid(SECRET)).isTrue();
        assertThat(WebhookSigner.valid("a-very-secret-signing-key")).isFalse();
        assertThat(WebhookSigner.valid("whsec_not*base64")).isFalse();
    }
}
