package io.marketsentinel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.FakeLambdaRuntime;
import io.marketsentinel.testing.Loopback;
import io.marketsentinel.testing.PackagedFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged function with all seven channels configured at once: one crash reaches every one of them, once. */
class AllChannelsJvmIT {

    private static final Path STATE = Path.of("target/it-channels-state/state.json").toAbsolutePath();
    private static final Path LOG = Path.of("target/it-channels-function.log").toAbsolutePath();
    private static final String SLACK = "/services/T0C/B0C/allS3cret";
    private static final String TELEGRAM_TOKEN = "42:AAE-allChannelsS3cret";
    /** A drawdown carries its chart: Telegram gets it as a photo. */
    private static final String TELEGRAM = "/bot" + TELEGRAM_TOKEN + "/sendPhoto";
    private static final String DISCORD = "/api/webhooks/42/allDiscordS3cret";
    private static final String TEAMS = "/workflows/42/triggers/manual/paths/invoke";
    private static final String PAGERDUTY = "/v2/enqueue";
    private static final String WEBHOOK = "/hooks/allWebhookS3cret";
    private static WireMockServer coinGecko;
    private static WireMockServer services;
    private static GreenMail smtp;
    private static FakeLambdaRuntime runtime;
    private static Process function;

    @BeforeAll
    static void startFunction() throws Exception {
        Files.deleteIfExists(STATE);
        coinGecko = Loopback.wireMock();
        CoinGeckoStubs.dailyChart(coinGecko, "bitcoin", Instant.now(), 365, 70_000, Map.of());
        services = Loopback.wireMock();
        services.stubFor(post(urlPathEqualTo(SLACK)).willReturn(aResponse().withStatus(200).withBody("ok")));
        services.stubFor(post(urlPathEqualTo(TELEGRAM)).willReturn(okJson("{\"ok\":true,\"result\":{}}")));
        services.stubFor(post(urlPathEqualTo(DISCORD)).willReturn(aResponse().withStatus(204)));
        services.stubFor(post(urlPathEqualTo(TEAMS)).willReturn(aResponse().withStatus(202)));
        services.stubFor(post(urlPathEqualTo(PAGERDUTY)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"success\"}")));
        services.stubFor(post(urlPathEqualTo(WEBHOOK)).willReturn(aResponse().withStatus(204)));
        int smtpPort = Loopback.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        runtime = new FakeLambdaRuntime();
        Path taskRoot = PackagedFunction.unpackFunction("it-channels-task");
        String base = "http://127.0.0.1:" + services.port();
        Map<String, String> env = PackagedFunction.crashEnv(coinGecko, STATE);
        env.put("SENTINEL_NOTIFY_SLACK_WEBHOOK_URL", base + SLACK);
        env.put("SENTINEL_NOTIFY_EMAIL_TO", "ops@example.com");
        env.put("SENTINEL_NOTIFY_EMAIL_FROM", "market-sentinel@example.com");
        env.put("SENTINEL_NOTIFY_EMAIL_SMTP_HOST", "127.0.0.1");
        env.put("SENTINEL_NOTIFY_EMAIL_SMTP_PORT", Integer.toString(smtpPort));
        env.put("SENTINEL_NOTIFY_EMAIL_SMTP_SECURITY", "none");
        env.put("SENTINEL_NOTIFY_TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN);
        env.put("SENTINEL_NOTIFY_TELEGRAM_CHAT_ID", "-10042");
        env.put("SENTINEL_NOTIFY_TELEGRAM_BASE_URL", base);
        env.put("SENTINEL_NOTIFY_DISCORD_WEBHOOK_URL", base + DISCORD);
        env.put("SENTINEL_NOTIFY_TEAMS_WEBHOOK_URL", base + TEAMS + "?sig=allTeamsS3cret");
        env.put("SENTINEL_NOTIFY_PAGERDUTY_ROUTING_KEY", "allPagerDutyS3cretKey");
        env.put("SENTINEL_NOTIFY_PAGERDUTY_URL", base + PAGERDUTY);
        env.put("SENTINEL_NOTIFY_WEBHOOK_URL", base + WEBHOOK);
        env.put("SENTINEL_NOTIFY_WEBHOOK_SECRET", "whsec_" + Base64.getEncoder().encodeToString(
                "all-channels-signing-key".getBytes(StandardCharsets.UTF_8)));
        function = PackagedFunction.startPolling(taskRoot, runtime, env, LOG);
    }

    @AfterAll
    static void stop() {
        PackagedFunction.stopAll(function, runtime, coinGecko, services);
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void oneCrashReachesEverySevenChannelsOnce() throws Exception {
        PackagedFunction.scheduled(runtime, coinGecko, LOG, 3000, 70_000);
        JsonNode crash = PackagedFunction.scheduled(runtime, coinGecko, LOG, 2400, 70_000);

        assertThat(crash.at("/notifications/0/headline").asText()).startsWith("Crypto market down $600.0B");
        assertThat(crash.get("deliveries").findValuesAsText("channel"))
                .containsExactlyInAnyOrder("slack", "email", "telegram", "discord", "teams", "pagerduty", "webhook");
        assertThat(crash.get("deliveries").findValuesAsText("outcome")).containsOnly("DELIVERED");
        for (String path : new String[] {SLACK, TELEGRAM, DISCORD, TEAMS, PAGERDUTY, WEBHOOK}) {
            assertThat(services.findAll(postRequestedFor(urlPathEqualTo(path)))).as(path).hasSize(1);
        }
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        for (JsonNode delivery : crash.get("deliveries")) {
            String channel = delivery.path("channel").asText();
            if (List.of("email", "telegram", "discord").contains(channel)) {
                assertThat(delivery.path("chart").asText()).as(channel + "'s chart").startsWith("attached market-drawdown.png");
            } else {
                assertThat(delivery.has("chart")).as(channel + " takes no chart").isFalse();
            }
        }
        assertThat(services.findAll(postRequestedFor(urlPathEqualTo(DISCORD))).get(0).getHeader("Content-Type"))
                .startsWith("multipart/form-data");
        assertThat(GreenMailUtil.getWholeMessage(smtp.getReceivedMessages()[0])).contains("multipart/related")
                .contains("Content-ID: <chart@market-sentinel>");
        assertThat(PackagedFunction.output(LOG)).as("no secret in the function's output").doesNotContain("S3cret");

        PackagedFunction.scheduled(runtime, coinGecko, LOG, 2400, 70_000);
        assertThat(services.getAllServeEvents()).as("nothing sent twice").hasSize(6);
    }
}
