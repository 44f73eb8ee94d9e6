package io.marketsentinel.check;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.LogCapture;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The outbox end to end: Slack on WireMock, mail on GreenMail, checks through the mock event server. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class DeliveryOutboxTest {

    private io.marketsentinel.testing.Scenario world;
    private WireMockServer slack;

    @BeforeEach
    void fresh() throws Exception {
        world = io.marketsentinel.testing.Scenario.fresh();
        slack = FakeServers.slack();
    }

    /** Two quiet checks: the first stores the high, the second sees the 15 % drop (pending confirmation). */
    private void dropPendingConfirmation() {
        world.scheduled(3014.7, 70_000);
        world.later().scheduled(2562.5, 70_000);
        world.later();
    }

    private void slackAnswers(ResponseDefinitionBuilder... answers) {
        slack.resetAll();
        String state = Scenario.STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i == answers.length - 1 ? state : "answer-" + (i + 1);
            slack.stubFor(post(urlPathEqualTo(FakeServers.SLACK_PATH)).inScenario("slack").whenScenarioStateIs(state)
                    .willReturn(answers[i]).willSetStateTo(next));
            state = next;
        }
    }

    private List<ServeEvent> slackPosts() {
        List<ServeEvent> posts = new ArrayList<>(slack.getAllServeEvents());
        java.util.Collections.reverse(posts);
        return posts;
    }

    @Test
    void slackDownTwiceThenUpGetsExactlyOneMessageAndMailIsSentOnce() throws Exception {
        dropPendingConfirmation();
        slackAnswers(aResponse().withStatus(500), aResponse().withStatus(500), aResponse().withStatus(200).withBody("ok"));

        try (LogCapture logs = LogCapture.start()) {
            JsonPath first = world.scheduled(2562.5, 70_000);
            assertThat(first.getList("notifications.headline"))
                    .containsExactly("Crypto market down $452.2B (\u221215.0%) from its 7-day high");
            assertThat(first.getList("deliveries.channel")).containsExactly("slack", "email");
            assertThat(first.getList("deliveries.outcome")).containsExactly("RETRYABLE", "DELIVERED");
            assertThat(first.getInt("pendingPerChannel.slack")).isEqualTo(1);
            assertThat(first.getInt("pendingPerChannel.email")).isZero();
            assertThat(logs.all()).contains("event=delivery_failed channel=slack");
            assertThat(logs.events()).as("the JSON field the alarms filter on").contains("delivery_failed");

            JsonPath second = world.later().scheduled(2562.5, 70_000);
            assertThat(second.getList("deliveries.channel")).containsExactly("slack");
            assertThat(second.getInt("deliveries[0].attempt")).isEqualTo(2);

            JsonPath third = world.later().scheduled(2562.5, 70_000);
            assertThat(third.getList("deliveries.outcome")).containsExactly("DELIVERED");
            assertThat(third.getInt("deliveries[0].attempt")).isEqualTo(3);
            assertThat(third.getInt("pendingPerChannel.slack")).isZero();

            JsonPath fourth = world.later().scheduled(2562.5, 70_000);
            assertThat(fourth.getList("deliveries")).isEmpty();
        }

        List<ServeEvent> posts = slackPosts();
        assertThat(posts).extracting(e -> e.getResponse().getStatus()).containsExactly(500, 500, 200);
        assertThat(posts.get(2).getRequest().getBodyAsString()).contains("$452.2B").contains("\u221215.0%");
        assertThat(FakeServers.smtp().getReceivedMessages()).as("one mail, to two recipients").hasSize(2);
        assertThat(FakeServers.smtp().getReceivedMessages()[0].getSubject()).contains("$452.2B");
    }

    @Test
    void aNotificationUndeliveredPastTheLimitIsDeadLetteredLoudly() {
        dropPendingConfirmation();
        slackAnswers(aResponse().withStatus(503));
        JsonPath fired = world.scheduled(2562.5, 70_000);
        assertThat(fired.getInt("pendingPerChannel.slack")).isEqualTo(1);

        try (LogCapture logs = LogCapture.start()) {
            JsonPath later = world.later(Duration.ofHours(25)).scheduled(2562.5, 70_000);
            assertThat(later.getList("deadLetters.headline"))
                    .containsExactly("Crypto market down $452.2B (\u221215.0%) from its 7-day high");
            assertThat(later.getString("deadLetters[0].channels.slack.status")).isEqualTo("DEAD");
            assertThat(later.getInt("deadLetters[0].channels.slack.attempts")).isEqualTo(2);
            assertThat(later.getString("deadLetters[0].channels.slack.lastError"))
                    .startsWith("undelivered after PT24H; last error: Slack webhook");
            assertThat(later.getString("deadLetters[0].channels.email.status")).isEqualTo("DELIVERED");
            assertThat(later.getInt("pendingPerChannel.slack")).isZero();
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("event=notification_dead_letter")
                    && l.contains("channels=slack"));
        }
    }

    @Test
    void aPermanentRefusalIsDeadLetteredAtOnceWithSlacksErrorString() {
        dropPendingConfirmation();
        slackAnswers(aResponse().withStatus(400).withBody("invalid_payload"));
        JsonPath fired = world.scheduled(2562.5, 70_000);
        assertThat(fired.getList("deliveries.outcome")).containsExactly("PERMANENT", "DELIVERED");
        assertThat(fired.getString("deliveries[0].detail")).endsWith("HTTP 400: invalid_payload");
        assertThat(fired.getString("deadLetters[0].channels.slack.lastError")).contains("invalid_payload");
        world.later().scheduled(2562.5, 70_000);
        assertThat(slackPosts()).hasSize(1);
    }

    /** A removed webhook is for the secret's owner to fix: the alert waits for it, it is not given up on. */
    @Test
    void aRefusedWebhookIsKeptAndTriedAgainNotDeadLettered() {
        dropPendingConfirmation();
        slackAnswers(aResponse().withStatus(404).withBody("no_service"), aResponse().withStatus(200).withBody("ok"));

        JsonPath fired = world.scheduled(2562.5, 70_000);
        assertThat(fired.getList("deliveries.outcome")).containsExactly("REFUSED", "DELIVERED");
        assertThat(fired.getString("deliveries[0].detail")).contains("HTTP 404: no_service").contains("credentials refused");
        assertThat(fired.getInt("pendingPerChannel.slack")).isEqualTo(1);
        assertThat(fired.getList("deadLetters")).isEmpty();

        JsonPath next = world.later().scheduled(2562.5, 70_000);
        assertThat(next.getList("deliveries.outcome")).containsExactly("DELIVERED");
        assertThat(next.getInt("deliveries[0].attempt")).isEqualTo(2);
        assertThat(slackPosts()).hasSize(2);
    }

    @Test
    void noSecretAppearsInLogsReportsOrStateOnAnyFailurePath() throws Exception {
        List<ResponseDefinitionBuilder> slackFailures = List.of(
                aResponse().withStatus(500).withBody("internal_error"),
                aResponse().withStatus(403).withBody("invalid_token"),
                aResponse().withStatus(429).withHeader("Retry-After", "0"),
                aResponse().withStatus(200).withBody("ok").withFixedDelay(6_000),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        StringBuilder reports = new StringBuilder();
        try (LogCapture logs = LogCapture.start()) {
            dropPendingConfirmation();
            FakeServers.stopSmtp();
            try {
                for (ResponseDefinitionBuilder failure : slackFailures) {
                    slackAnswers(failure);
                    reports.append(world.scheduled(2562.5, 70_000).prettify());
                    world.later();
                }
            } finally {
                FakeServers.startSmtp();
            }
            world.coinGecko().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                    urlPathEqualTo("/api/v3/global")).willReturn(aResponse().withStatus(401)));
            reports.append(io.marketsentinel.testing.Events.post(
                    io.marketsentinel.testing.Events.fixture("scheduled-event.json")).asString());
            String everything = logs.all() + reports + Files.readString(io.marketsentinel.testing.Scenario.STATE);

            assertThat(logs.all()).contains("event=delivery_failed channel=slack").contains("event=delivery_failed channel=email");
            for (String secret : List.of("sl4ckW3bh00kS3cret", FakeServers.SLACK_PATH, FakeServers.SMTP_PASSWORD,
                    FakeServers.COINGECKO_KEY, FakeServers.TRIGGER_TOKEN)) {
                assertThat(everything).as("secret %s", secret).doesNotContain(secret);
            }
            assertThat(reports).contains("/services/T\u2026/B\u2026/***");
        }
    }
}
