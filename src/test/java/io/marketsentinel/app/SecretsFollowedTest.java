package io.marketsentinel.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.config.LiveSecrets;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.testing.Loopback;
import io.marketsentinel.testing.SettableClock;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which keys the running function takes from its secret: those the secret gave at start, and those nobody
 * gave; a key the environment sets stays the environment's. The secret is a Secrets Manager stand-in on loopback.
 */
class SecretsFollowedTest {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:MarketSentinel-w";
    private static final String SLACK = "sentinel.notify.slack.webhook-url";
    private static final String TOKEN = "sentinel.trigger.token";
    private static final String DISCORD = "sentinel.notify.discord.webhook-url";
    private WireMockServer secrets;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T08:00:00Z"));

    @BeforeEach
    void start() {
        secrets = Loopback.wireMock();
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterEach
    void stop() {
        secrets.stop();
        System.clearProperty("aws.region");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private void secretHolds(Map<String, String> keys) throws Exception {
        secrets.resetAll();
        String document = new ObjectMapper().writeValueAsString(keys);
        secrets.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(okJson("{\"ARN\":\"" + ARN + "\",\"Name\":\"MarketSentinel\",\"SecretString\":"
                        + new ObjectMapper().writeValueAsString(document) + "}")));
    }

    @Test
    void theSecretsKeysFollowItAndTheEnvironmentsStayAsSet() throws Exception {
        // At start: the environment (ordinal 300) sets Slack's webhook; the secret (275) the token and Slack's too.
        SmallRyeConfig configuration = new SmallRyeConfigBuilder().withMapping(SentinelConfig.class)
                .withSources(new PropertiesConfigSource(Map.of("sentinel.secrets.arn", ARN,
                        "sentinel.secrets.endpoint", "http://127.0.0.1:" + secrets.port(),
                        SLACK, "https://hooks.slack.com/services/T0/B0/fromTheEnvironment"), "environment", 300))
                .withSources(new PropertiesConfigSource(Map.of(TOKEN, "t0ken-at-start",
                        SLACK, "https://hooks.slack.com/services/T0/B0/fromTheSecret"), "secrets-manager", 275))
                .build();
        SentinelConfig config = configuration.getConfigMapping(SentinelConfig.class);
        LiveSecrets live = new Wiring().secrets(config, configuration, clock);
        assertThat(live.get(SLACK)).contains("https://hooks.slack.com/services/T0/B0/fromTheEnvironment");

        secretHolds(Map.of(TOKEN, "t0ken-rotated", SLACK, "https://hooks.slack.com/services/T0/B0/rotatedInTheSecret",
                DISCORD, "https://discord.com/api/webhooks/1/added"));
        clock.set(clock.instant().plus(Duration.ofHours(1)));

        assertThat(live.get(TOKEN)).as("the secret's key follows it").contains("t0ken-rotated");
        assertThat(live.get(DISCORD)).as("a key nobody set, added to the secret").contains("https://discord.com/api/webhooks/1/added");
        assertThat(live.get(SLACK)).as("the environment's key stays").contains("https://hooks.slack.com/services/T0/B0/fromTheEnvironment");
        assertThat(secrets.findAll(postRequestedFor(urlEqualTo("/")))).as("one read").hasSize(1);
    }

    @Test
    void withoutASecretArnNothingIsEverRead() {
        SmallRyeConfig configuration = new SmallRyeConfigBuilder().withMapping(SentinelConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(TOKEN, "t0ken"), "environment", 300)).build();
        LiveSecrets live = new Wiring().secrets(configuration.getConfigMapping(SentinelConfig.class), configuration, clock);
        clock.set(clock.instant().plus(Duration.ofDays(2)));

        assertThat(live.get(TOKEN)).contains("t0ken");
        assertThat(live.refreshNow()).isFalse();
        assertThat(secrets.getAllServeEvents()).isEmpty();
    }
}
