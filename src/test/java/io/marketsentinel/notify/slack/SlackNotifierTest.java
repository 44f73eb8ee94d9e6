package io.marketsentinel.notify.slack;

import io.marketsentinel.testing.Loopback;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifications;
import io.marketsentinel.testing.FakeServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.marketsentinel.notify.DeliveryResult.Outcome.DELIVERED;
import static io.marketsentinel.notify.DeliveryResult.Outcome.PERMANENT;
import static io.marketsentinel.notify.DeliveryResult.Outcome.REFUSED;
import static io.marketsentinel.notify.DeliveryResult.Outcome.RETRYABLE;
import static io.marketsentinel.notify.DeliveryResult.Outcome.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack channel against a Slack-shaped WireMock server, one row per answer Slack can give.
 * A Quarkus test because the notifier is a Quarkus REST Client.
 */
@QuarkusTest
@WithTestResource(FakeServers.class)
class SlackNotifierTest {

    private static final String PATH = "/services/T0AAA/B0BBB/tokenS3cretValue";
    private static WireMockServer slack;
    private SlackNotifier notifier;

    @BeforeAll
    static void startSlack() {
        slack = Loopback.wireMock();
    }

    @AfterAll
    static void stopSlack() {
        slack.stop();
    }

    /** The REST client as the function gets it, configured by quarkus.rest-client.slack.*. */
    @Inject
    @RestClient
    SlackWebhookApi api;

    @BeforeEach
    void reset() {
        slack.resetAll();
        notifier = new SlackNotifier(api, "http://127.0.0.1:" + slack.port() + PATH, Duration.ofSeconds(2), Clock.systemUTC());
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("200 ok", aResponse().withStatus(200).withBody("ok"), DELIVERED, "ok"),
                Arguments.of("200 with another body", aResponse().withStatus(200).withBody("<html>captive</html>"), PERMANENT, "unexpected body"),
                Arguments.of("400 invalid_payload", aResponse().withStatus(400).withBody("invalid_payload"), PERMANENT, "HTTP 400: invalid_payload"),
                Arguments.of("403 invalid_token", aResponse().withStatus(403).withBody("invalid_token"), REFUSED, "HTTP 403: invalid_token"),
                Arguments.of("404 channel_not_found", aResponse().withStatus(404).withBody("channel_not_found"), REFUSED, "HTTP 404: channel_not_found"),
                Arguments.of("410 channel_is_archived", aResponse().withStatus(410).withBody("channel_is_archived"), PERMANENT, "HTTP 410: channel_is_archived"),
                Arguments.of("429 with Retry-After", aResponse().withStatus(429).withHeader("Retry-After", "30").withBody("rate_limited"), RETRYABLE, "retry after 30 s"),
                Arguments.of("500", aResponse().withStatus(500).withBody("rollup_error"), RETRYABLE, "HTTP 500"),
                Arguments.of("503", aResponse().withStatus(503), RETRYABLE, "HTTP 503"),
                // No answer in time: Slack may have posted it; said so, and sent again (Slack has no idempotency key).
                Arguments.of("timeout", aResponse().withStatus(200).withBody("ok").withFixedDelay(4_000), UNKNOWN, "did not answer within 2000 ms"),
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), RETRYABLE, "unreachable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void classifiesEveryAnswerAndNeverShowsTheWebhookUrl(String name, ResponseDefinitionBuilder answer,
                                                        DeliveryResult.Outcome expected, String detail) {
        slack.stubFor(post(urlPathEqualTo(PATH)).willReturn(answer));

        DeliveryResult result = notifier.deliver(Notifications.drawdown("market-drawdown/1/1"), null);

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.detail()).contains(detail).doesNotContain("tokenS3cretValue");
        if (expected != DELIVERED) {
            assertThat(result.detail()).contains("/services/T\u2026/B\u2026/***");
        }
    }

    @Test
    void anAnswerDribbledByteByByteIsCutOffAtTheTimeoutForTheWholeSend() {
        slack.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ok-ok-ok-ok-ok-ok")
                .withChunkedDribbleDelay(17, 30_000)));
        long start = System.nanoTime();
        DeliveryResult result = notifier.deliver(Notifications.drawdown("x"), null);
        assertThat(result.outcome()).isEqualTo(UNKNOWN);
        assertThat(result.detail()).contains("did not answer within 2000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the send is bounded as a whole, not per read")
                .isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("echoes")
    void anAnswerEchoingTheWebhookWholeOrInPartsNeverPutsItIntoTheDetail(String name, int status, String body) {
        slack.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status).withBody(body)));

        DeliveryResult result = notifier.deliver(Notifications.drawdown("market-drawdown/1/1"), null);

        assertThat(result.outcome()).isNotEqualTo(DELIVERED);
        assertThat(result.detail()).doesNotContain("tokenS3cretValue").doesNotContain("T0AAA").doesNotContain("B0BBB")
                .contains("***");
    }

    static Stream<Arguments> echoes() {
        return Stream.of(
                Arguments.of("400 invalid_token with the token segment", 400, "invalid_token: tokenS3cretValue"),
                Arguments.of("500 echoing team/bot/token", 500, "no_service for B0BBB/tokenS3cretValue (team T0AAA)"),
                Arguments.of("404 echoing the whole URL", 404, "no route to http://127.0.0.1:1" + PATH));
    }

    @Test
    void a429CarriesItsRetryAfter() {
        slack.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "42")));
        assertThat(notifier.deliver(Notifications.drawdown("x"), null).retryAfter()).contains(Duration.ofSeconds(42));
    }

    @Test
    void postsBlockKitJson() {
        slack.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        assertThat(notifier.deliver(Notifications.drawdown("x"), null).outcome()).isEqualTo(DELIVERED);
        slack.verify(postRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.blocks[0].type", equalTo("header")))
                .withRequestBody(matchingJsonPath("$.text")));
    }
}
