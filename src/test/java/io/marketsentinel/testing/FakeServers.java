package io.marketsentinel.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;


/**
 * The outside world for the Quarkus tests, on loopback only: WireMock as CoinGecko and as Slack,
 * GreenMail as the SMTP server. Started once for all Quarkus tests, which share one application.
 * The secrets below are fake, and distinctive so that tests can prove they never leak.
 */
public class FakeServers implements QuarkusTestResourceLifecycleManager {

    public static final String COINGECKO_KEY = "CG-test-demo-key-5ecret";
    public static final String SLACK_PATH = "/services/T0TEST/B0TEST/sl4ckW3bh00kS3cret";
    public static final String SMTP_USER = "sentinel";
    public static final String SMTP_PASSWORD = "smtp-pa55word-S3cret";
    public static final String TRIGGER_TOKEN = "trigger-t0ken-S3cret-value";
    public static final String MAIL_TO = "ops@example.com,trader@example.com";

    private static WireMockServer coinGecko;
    private static WireMockServer slack;
    /** Slack's posts as they arrive, before their answers: the seam the race tests hold a run at. */
    private static final Arrivals SLACK_ARRIVALS = new Arrivals();
    /** Where the Telegram REST client's base URL points in tests (the channel itself stays off unless a test builds it). */
    private static WireMockServer telegram;
    private static GreenMail smtp;
    private static int smtpPort;

    public static WireMockServer coinGecko() {
        return coinGecko;
    }

    public static WireMockServer slack() {
        return slack;
    }

    public static Arrivals slackArrivals() {
        return SLACK_ARRIVALS;
    }

    public static WireMockServer telegram() {
        return telegram;
    }

    public static GreenMail smtp() {
        return smtp;
    }

    public static int smtpPort() {
        return smtpPort;
    }

    public static String slackWebhookUrl() {
        return "http://127.0.0.1:" + slack.port() + SLACK_PATH;
    }

    /** Stops the SMTP server (to test a mail server that is down); {@link #startSmtp()} brings it back. */
    public static void stopSmtp() {
        smtp.stop();
    }

    public static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("sentinel@example.com", SMTP_USER, SMTP_PASSWORD);
        smtp.start();
    }

    @Override
    public Map<String, String> start() {
        coinGecko = Loopback.wireMock();
        slack = Loopback.wireMock(SLACK_ARRIVALS);
        telegram = Loopback.wireMock();
        smtpPort = Loopback.freePort();
        startSmtp();
        Map<String, String> config = new HashMap<>();
        config.put("sentinel.coingecko.base-url", "http://127.0.0.1:" + coinGecko.port() + "/api/v3");
        config.put("sentinel.coingecko.api-key", COINGECKO_KEY);
        // Timeouts with room for a busy 2-core machine; the tests of timeouts wait twice as long.
        config.put("sentinel.coingecko.timeout", "PT3S");
        config.put("sentinel.coingecko.retry-backoff", "PT0.05S");
        config.put("sentinel.coingecko.budget", "PT20S");
        config.put("sentinel.notify.slack.webhook-url", slackWebhookUrl());
        config.put("sentinel.notify.slack.timeout", "PT3S");
        config.put("sentinel.notify.telegram.base-url", "http://127.0.0.1:" + telegram.port());
        config.put("sentinel.notify.email.to", MAIL_TO);
        config.put("sentinel.notify.email.from", "market-sentinel@example.com");
        config.put("sentinel.trigger.token", TRIGGER_TOKEN);
        config.put("sentinel.notify.email.smtp.host", "127.0.0.1");
        config.put("sentinel.notify.email.smtp.port", Integer.toString(smtpPort));
        config.put("sentinel.notify.email.smtp.security", "none");
        config.put("sentinel.notify.email.smtp.username", SMTP_USER);
        config.put("sentinel.notify.email.smtp.password", SMTP_PASSWORD);
        config.put("sentinel.notify.email.smtp.timeout", "PT2S");
        return config;
    }

    @Override
    public void stop() {
        if (coinGecko != null) {
            coinGecko.stop();
        }
        if (slack != null) {
            slack.stop();
        }
        if (telegram != null) {
            telegram.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}
