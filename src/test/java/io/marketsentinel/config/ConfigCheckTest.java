package io.marketsentinel.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad setting stops the start with a message naming its key (and never echoing a secret). */
class ConfigCheckTest {

    private static SentinelConfig config(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(SentinelConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 400))
                .build();
        return config.getConfigMapping(SentinelConfig.class);
    }

    @Test
    void theDefaultsAreValid() {
        assertThat(ConfigCheck.problems(config(Map.of()))).isEmpty();
    }

    @Test
    void namesEveryBadKey() {
        List<String> problems = ConfigCheck.problems(config(Map.of(
                "sentinel.rules.drawdown.percent", "0",
                "sentinel.coins", "bitcoin,Bit Coin",
                "sentinel.store.type", "dynamodb",
                "sentinel.rules.drawdown.window", "PT0S",
                "sentinel.store.dynamodb.endpoint", "localhost:8000",
                "sentinel.notify.slack.webhook-url", "hooks-S3cret-not-a-url")));
        assertThat(problems).containsExactlyInAnyOrder(
                "sentinel.rules.drawdown.window is 'PT0S': must be a positive duration",
                "sentinel.rules.drawdown.percent is '0': must be above 0 and below 100",
                "sentinel.coins: 'Bit Coin' is not a CoinGecko coin id (lower-case letters, digits, '-')",
                "sentinel.store.dynamodb.table is required when sentinel.store.type=dynamodb",
                "sentinel.store.dynamodb.endpoint is 'localhost:8000': must be an http(s) URL",
                "sentinel.notify.slack.webhook-url must be an http(s) URL");
        assertThat(String.join(";", problems)).doesNotContain("S3cret");
    }

    @Test
    void quietHoursAndTheirZoneAreCheckedByKey() {
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.notify.slack.quiet-hours", "22:00-07:00",
                "sentinel.notify.timezone", "Europe/Berlin")))).isEmpty();
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.notify.slack.quiet-hours", "22:00-22:30"))))
                .as("within one hour").isEmpty();
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.notify.telegram.quiet-hours", "22-7")))).containsExactly(
                "sentinel.notify.telegram.quiet-hours is '22-7': write the quiet hours as HH:MM-HH:MM, e.g. 22:00-07:00 "
                        + "(in sentinel.notify.timezone, UTC)");
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.notify.email.quiet-hours", "24:00-07:00")))).hasSize(1);
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.notify.timezone", "Mars/Olympus")))).containsExactly(
                "sentinel.notify.timezone is 'Mars/Olympus': is not a time zone (an IANA name such as Europe/Berlin, or UTC)");
    }

    @Test
    void aSecretWithSurroundingWhitespaceOrAControlCharacterStopsTheStartNamingTheKeyNotTheValue() {
        List<String> problems = ConfigCheck.problems(config(Map.of(
                "sentinel.notify.slack.webhook-url", "https://hooks.slack.com/services/T0/B0/xS3cretWebhook ",
                "sentinel.coingecko.api-key", "CG-S3cretKey\n",
                "sentinel.trigger.token", " S3cretToken",
                "sentinel.notify.email.smtp.username", "user",
                "sentinel.notify.email.smtp.password", "pa\u0007S3cretword")));
        assertThat(problems).containsExactlyInAnyOrder(
                "sentinel.notify.slack.webhook-url has leading or trailing whitespace (a copy-paste?); the value is not shown",
                "sentinel.coingecko.api-key has leading or trailing whitespace (a copy-paste?); the value is not shown",
                "sentinel.trigger.token has leading or trailing whitespace (a copy-paste?); the value is not shown",
                "sentinel.notify.email.smtp.password contains a control character or a space; the value is not shown");
        assertThat(String.join(";", problems)).doesNotContain("S3cret");
    }

    @Test
    void aNoBreakOrZeroWidthSpaceInASecretIsRefusedLikeAnAsciiOne() {
        List<String> problems = ConfigCheck.problems(config(Map.of(
                "sentinel.trigger.token", "S3cretToken\u00a0",
                "sentinel.coingecko.api-key", "\u200bCG-S3cretKey",
                "sentinel.notify.email.smtp.username", "us\ufeffer")));
        assertThat(problems).containsExactlyInAnyOrder(
                "sentinel.trigger.token contains a control character or a space; the value is not shown",
                "sentinel.coingecko.api-key contains a control character or a space; the value is not shown",
                "sentinel.notify.email.smtp.username contains a control character or a space; the value is not shown");
        assertThat(String.join(";", problems)).doesNotContain("S3cret");
    }

    @Test
    void aRunTimeoutAtOrUnderItsReserveIsRefused() {
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.run.timeout", "PT5S", "sentinel.run.reserve", "PT5S"))))
                .containsExactly("sentinel.run.timeout is 'PT5S': must be longer than sentinel.run.reserve (PT5S), "
                        + "or no check has any time to run");
    }

    @Test
    void aChannelTimeoutNoRunCouldCoverIsRefusedSinceNoSendCouldEverStart() {
        List<String> problems = ConfigCheck.problems(config(Map.of(
                "sentinel.run.timeout", "PT30S",
                "sentinel.notify.slack.webhook-url", "https://hooks.slack.com/services/T0/B0/xyz",
                "sentinel.notify.slack.timeout", "PT25S",
                "sentinel.notify.email.to", "ops@example.com",
                "sentinel.notify.email.from", "sentinel@example.com",
                "sentinel.notify.email.smtp.host", "email-smtp.eu-west-1.amazonaws.com",
                "sentinel.notify.email.smtp.timeout", "PT24S")));
        assertThat(problems).containsExactly(
                "sentinel.notify.slack.timeout is 'PT25S': must be shorter than sentinel.run.timeout less "
                        + "sentinel.run.reserve (PT25S), or no post could ever start");
    }

    @Test
    void aSignedWebhookNeedsAWhsecSecretNamedNeverShown() {
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.notify.webhook.url", "https://example.com/hooks/S3cret"))))
                .containsExactly("sentinel.notify.webhook.secret is required when sentinel.notify.webhook.url is set");
        List<String> problems = ConfigCheck.problems(config(Map.of("sentinel.notify.webhook.url",
                "https://example.com/hooks/S3cret", "sentinel.notify.webhook.secret", "S3cretNotWhsec")));
        assertThat(problems).containsExactly("sentinel.notify.webhook.secret must be whsec_ followed by base64 (as "
                + "Standard Webhooks secrets are); the value is not shown");
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.notify.webhook.url", "https://example.com/hooks/x",
                "sentinel.notify.webhook.secret", "whsec_c2VjcmV0", "sentinel.notify.pagerduty.routing-key",
                "R0uting0123456789")))).isEmpty();
        assertThat(ConfigCheck.SECRET_KEYS).contains("sentinel.notify.webhook.url", "sentinel.notify.webhook.secret",
                "sentinel.notify.pagerduty.routing-key");
    }

    @Test
    void aWebhookOfTheWrongShapeIsNamed() {
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.notify.slack.webhook-url", "https:/hooks-S3cret"))))
                .containsExactly("sentinel.notify.slack.webhook-url must be an http(s) URL");
    }

    @Test
    void guardSettingsAreChecked() {
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.guard.step-percent", "60", "sentinel.guard.total-min", "0"))))
                .containsExactlyInAnyOrder("sentinel.guard.total-min is '0': must be positive and below sentinel.guard.total-max (1.0E14)",
                        "sentinel.guard.max-percent is '50': must be at least sentinel.guard.step-percent (60)");
    }

    @Test
    void mailNeedsASenderAndAServerAndSaysWhichIsMissing() {
        List<String> problems = ConfigCheck.problems(config(Map.of(
                "sentinel.notify.email.to", "ops@example.com,not-an-address",
                "sentinel.notify.email.smtp.port", "70000",
                "sentinel.notify.email.smtp.password", "smtp-S3cret")));
        assertThat(problems).containsExactlyInAnyOrder(
                "sentinel.notify.email.to: 'not-an-address' is not a mail address",
                "sentinel.notify.email.from is required when sentinel.notify.email.to is set",
                "sentinel.notify.email.smtp.host is required when sentinel.notify.email.to is set",
                "sentinel.notify.email.smtp.port is '70000': must be between 1 and 65535",
                "sentinel.notify.email.smtp.password is set but sentinel.notify.email.smtp.username is not");
        assertThat(String.join(";", problems)).doesNotContain("S3cret");
    }

    @Test
    void aCompleteMailSettingIsValidAndMailOffNeedsNothing() {
        assertThat(ConfigCheck.problems(config(Map.of(
                "sentinel.notify.email.to", "ops@example.com, Trading desk <desk@example.com>",
                "sentinel.notify.email.from", "market-sentinel@example.com",
                "sentinel.notify.email.smtp.host", "email-smtp.eu-west-1.amazonaws.com",
                "sentinel.notify.email.smtp.username", "AKIAEXAMPLE",
                "sentinel.notify.email.smtp.password", "pw")))).isEmpty();
        assertThat(ConfigCheck.problems(config(Map.of("sentinel.notify.email.smtp.port", "0")))).isEmpty();
    }

    @Test
    void anUnknownChoiceIsRefusedByKey() {
        assertThatThrownBy(() -> config(Map.of("sentinel.coingecko.key-type", "gold")))
                .hasMessageContaining("sentinel.coingecko.key-type");
        assertThatThrownBy(() -> config(Map.of("sentinel.notify.email.smtp.security", "ssl")))
                .hasMessageContaining("sentinel.notify.email.smtp.security");
    }
}
