package io.marketsentinel.config;

import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A failed start said as sentences: SmallRye's own conversion errors, read from the real converter. */
class StartFailureTest {

    private static List<String> startWith(Map<String, String> values) {
        Throwable failure = catchThrowable(() -> DefaultSettings.config(values));
        assertThat(failure).as("the configuration %s is refused", values).isNotNull();
        return StartFailure.sentences(new RuntimeException("Failed to start quarkus", failure), "--debug shows the stack trace");
    }

    @Test
    void aValueThatIsNotANumberNamesTheKeyItsVariableAndTheValue() {
        assertThat(startWith(Map.of("sentinel.rules.drawdown.percent", "fifteen"))).containsExactly(
                "configuration error: sentinel.rules.drawdown.percent (SENTINEL_RULES_DRAWDOWN_PERCENT) is 'fifteen': not a number");
    }

    @Test
    void aDurationThatIsNotOneSaysHowToWriteOne() {
        assertThat(startWith(Map.of("sentinel.rules.drawdown.window", "7x"))).containsExactly(
                "configuration error: sentinel.rules.drawdown.window (SENTINEL_RULES_DRAWDOWN_WINDOW) is '7x': "
                        + "not a duration (7d, 15m, P7D or PT15M)");
    }

    @Test
    void anUnknownChoiceListsTheChoices() {
        assertThat(startWith(Map.of("sentinel.store.type", "dynamo"))).containsExactly(
                "configuration error: sentinel.store.type (SENTINEL_STORE_TYPE) is 'dynamo': not one of file, dynamodb");
    }

    @Test
    void everyBadValueIsItsOwnLine() {
        assertThat(startWith(Map.of("sentinel.rules.drawdown.percent", "x", "sentinel.notify.email.smtp.port", "y")))
                .containsExactlyInAnyOrder(
                        "configuration error: sentinel.rules.drawdown.percent (SENTINEL_RULES_DRAWDOWN_PERCENT) is 'x': not a number",
                        "configuration error: sentinel.notify.email.smtp.port (SENTINEL_NOTIFY_EMAIL_SMTP_PORT) is 'y': not a whole number");
    }

    @Test
    void aSecretKeysValueIsNeverRepeated() {
        String smallRye = "java.lang.IllegalArgumentException: SRCFG00039: The config property sentinel.trigger.token with "
                + "the config value \"S3cret\" threw an Exception whilst being converted SRCFG00029: Expected a token, got \"S3cret\"";

        assertThat(StartFailure.problem(smallRye)).contains("sentinel.trigger.token (SENTINEL_TRIGGER_TOKEN) is (not shown)")
                .doesNotContain("S3cret");
    }

    @Test
    void theConfigurationChecksProblemsAreOneLineEach() {
        List<String> lines = StartFailure.sentences(new RuntimeException(new InvalidConfigurationException(
                List.of("sentinel.notify.email.from is required when sentinel.notify.email.to is set",
                        "sentinel.rules.drawdown.percent is '150': must be above 0 and below 100"))), "--debug shows the stack trace");

        assertThat(lines).as("each names the environment variable too").containsExactly(
                "configuration error: sentinel.notify.email.from (SENTINEL_NOTIFY_EMAIL_FROM) is required when "
                        + "sentinel.notify.email.to is set",
                "configuration error: sentinel.rules.drawdown.percent (SENTINEL_RULES_DRAWDOWN_PERCENT) is '150': "
                        + "must be above 0 and below 100");
    }

    @Test
    void anythingElseIsOneLinePointingToDebug() {
        assertThat(StartFailure.sentences(new RuntimeException(new IllegalStateException("port in use")),
                "--debug shows the stack trace"))
                .containsExactly("failed: port in use (--debug shows the stack trace)");
    }
}
