package io.marketsentinel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.testing.Loopback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code secrets set KEY} against a Secrets Manager stand-in on loopback (its JSON protocol, as the SDK speaks it). */
class SecretsCommandTest {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:MarketSentinel-abc";
    private static final String WEBHOOK = "https://hooks.slack.com/services/T0/B0/newS3cretWebhook";
    private static WireMockServer secrets;

    @BeforeAll
    static void start() {
        secrets = Loopback.wireMock();
        // The SDK's own chains, answered by system properties: a region and any credentials (the stand-in checks none).
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void stop() {
        secrets.stop();
        System.clearProperty("aws.region");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void reset() {
        secrets.resetAll();
        secrets.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(okJson("{\"ARN\":\"" + ARN + "\",\"Name\":\"MarketSentinel\",\"VersionId\":\"v1\","
                        + "\"SecretString\":\"{\\\"sentinel.trigger.token\\\":\\\"tok3n\\\",\\\"sentinel.notify.slack.webhook-url\\\":\\\"\\\"}\"}")));
        secrets.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.PutSecretValue"))
                .willReturn(okJson("{\"ARN\":\"" + ARN + "\",\"Name\":\"MarketSentinel\",\"VersionId\":\"v2\"}")));
    }

    private CommandRun set(String stdin, String... args) {
        return CommandRun.of(new SecretsCommand.Set(Optional.empty(), Optional.of("http://127.0.0.1:" + secrets.port()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), args);
    }

    @Test
    void theValueFromStandardInputReplacesItsKeyAndTheOtherKeysStay() throws Exception {
        CommandRun run = set(WEBHOOK + "\n", "sentinel.notify.slack.webhook-url", "--secret-arn", ARN);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("sentinel.notify.slack.webhook-url set in " + ARN);
        assertThat(run.out() + run.err()).as("the value is never shown").doesNotContain("S3cret");
        String put = secrets.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.PutSecretValue"))).get(0).getBodyAsString();
        JsonNode request = new ObjectMapper().readTree(put);
        assertThat(request.path("SecretId").asText()).isEqualTo(ARN);
        JsonNode stored = new ObjectMapper().readTree(request.path("SecretString").asText());
        assertThat(stored.path("sentinel.notify.slack.webhook-url").asText()).isEqualTo(WEBHOOK);
        assertThat(stored.path("sentinel.trigger.token").asText()).as("kept").isEqualTo("tok3n");
    }

    @Test
    void aKeyThatIsNotASecretOrAValuePastedWithASpaceIsRefusedAndNothingIsStored() {
        CommandRun plain = set("15", "sentinel.rules.drawdown.percent", "--secret-arn", ARN);
        CommandRun spaced = set(" " + WEBHOOK + "\n", "sentinel.notify.slack.webhook-url", "--secret-arn", ARN);
        CommandRun noArn = set(WEBHOOK, "sentinel.notify.slack.webhook-url");

        assertThat(plain.exit()).isEqualTo(2);
        assertThat(plain.err()).startsWith("'sentinel.rules.drawdown.percent' is not a secret key");
        assertThat(spaced.exit()).isEqualTo(1);
        assertThat(spaced.err()).contains("surrounding whitespace").doesNotContain("S3cret");
        assertThat(noArn.exit()).isEqualTo(2);
        assertThat(noArn.err()).startsWith("which secret? give --secret-arn");
        assertThat(secrets.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.PutSecretValue")))).isEmpty();
    }
}
