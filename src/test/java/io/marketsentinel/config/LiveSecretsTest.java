package io.marketsentinel.config;

import io.marketsentinel.testing.LogCapture;
import io.marketsentinel.testing.SettableClock;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The running function's copy of its secret: read again hourly, at once after a refusal, never taking a bad value. */
class LiveSecretsTest {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:MarketSentinel-abc";
    private static final String SLACK = "sentinel.notify.slack.webhook-url";
    private static final String TOKEN = "sentinel.trigger.token";
    private static final String OLD_HOOK = "https://hooks.slack.com/services/T0/B0/oldS3cretHook";
    private static final String NEW_HOOK = "https://hooks.slack.com/services/T0/B0/newS3cretHook";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final AtomicReference<String> secret = new AtomicReference<>(json(OLD_HOOK, "t0kenOld"));
    private final List<Instant> reads = new ArrayList<>();
    private final SentinelConfig config = new SmallRyeConfigBuilder().withMapping(SentinelConfig.class)
            .withSources(new PropertiesConfigSource(Map.of(), "test", 400)).build().getConfigMapping(SentinelConfig.class);

    private static String json(String hook, String token) {
        return "{\"" + SLACK + "\":\"" + hook + "\",\"" + TOKEN + "\":\"" + token + "\"}";
    }

    private LiveSecrets live(Set<String> pinned) {
        Map<String, Optional<String>> atStart = new LinkedHashMap<>();
        ConfigCheck.SECRET_KEYS.forEach(key -> atStart.put(key, Optional.empty()));
        atStart.put(SLACK, Optional.of(OLD_HOOK));
        atStart.put(TOKEN, Optional.of("t0kenOld"));
        return new LiveSecrets(ARN, arn -> {
            reads.add(clock.instant());
            String text = secret.get();
            if (text == null) {
                throw new IllegalStateException("could not read secret " + arn + " (SdkClientException)");
            }
            return text;
        }, atStart, pinned, values -> ConfigCheck.secretProblems(config, values), Duration.ofHours(1), clock);
    }

    @Test
    void aChangedSecretIsTakenOnceTheCopyIsAnHourOld() {
        LiveSecrets live = live(Set.of());
        secret.set(json(NEW_HOOK, "t0kenNew"));

        clock.set(Instant.parse("2026-12-01T08:59:59Z"));
        assertThat(live.get(SLACK)).as("within the hour: the copy").contains(OLD_HOOK);
        assertThat(reads).isEmpty();

        clock.set(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(live.get(SLACK)).contains(NEW_HOOK);
        assertThat(live.get(TOKEN)).contains("t0kenNew");
        assertThat(live.generation()).isEqualTo(1);
        assertThat(reads).as("one read for both keys").hasSize(1);
    }

    @Test
    void aRefusalReadsAtOnceButAtMostOnceAMinute() {
        LiveSecrets live = live(Set.of());
        clock.set(Instant.parse("2026-12-01T08:00:05Z"));
        assertThat(live.refreshNow()).as("read at once, also just after the start: unchanged").isFalse();
        secret.set(json(NEW_HOOK, "t0kenOld"));
        clock.set(Instant.parse("2026-12-01T08:00:35Z"));
        assertThat(live.refreshNow()).as("a refusal read it 30 s ago: not again").isFalse();
        assertThat(live.get(SLACK)).contains(OLD_HOOK);

        clock.set(Instant.parse("2026-12-01T08:01:05Z"));
        assertThat(live.refreshNow()).isTrue();
        assertThat(live.get(SLACK)).contains(NEW_HOOK);
        assertThat(reads).hasSize(2);
    }

    @Test
    void aKeyTheEnvironmentSetsIsNeverReplacedAndARemovedKeyTurnsItsValueOff() {
        LiveSecrets live = live(Set.of(TOKEN));
        secret.set("{\"" + TOKEN + "\":\"fromTheSecret\"}");
        clock.set(Instant.parse("2026-12-01T09:00:00Z"));

        assertThat(live.get(TOKEN)).as("pinned by the environment").contains("t0kenOld");
        assertThat(live.get(SLACK)).as("no longer in the secret").isEmpty();
    }

    @Test
    void aValueTheStartWouldRefuseIsNotTakenAndTheLogNamesItsKeyNotTheValue() {
        LiveSecrets live = live(Set.of());
        secret.set(json(NEW_HOOK + " ", "t0kenNew"));
        clock.set(Instant.parse("2026-12-01T09:00:00Z"));
        try (LogCapture log = LogCapture.start()) {
            assertThat(live.get(SLACK)).as("refused: the old value stays").contains(OLD_HOOK);
            assertThat(live.get(TOKEN)).as("the other key is taken").contains("t0kenNew");
            assertThat(log.all()).contains("event=secret_value_refused key=" + SLACK)
                    .contains("leading or trailing whitespace").doesNotContain("S3cret").doesNotContain("t0ken");
        }
    }

    @Test
    void aValueThatNeedsAnotherIsRefusedAloneAndAPairLeftBrokenIsNotTakenAtAll() {
        LiveSecrets live = live(Set.of());
        // A webhook URL without its signing secret: that URL is refused, the Slack webhook beside it taken.
        secret.set("{\"" + SLACK + "\":\"" + NEW_HOOK + "\",\"sentinel.notify.webhook.url\":\"https://example.com/h\"}");
        clock.set(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(live.get("sentinel.notify.webhook.url")).isEmpty();
        assertThat(live.get(SLACK)).contains(NEW_HOOK);

        // Both set, then the signing secret removed: the URL cannot sign alone, and no value of that read is taken.
        String signing = "whsec_c2lnbmluZy1rZXk=";
        secret.set("{\"" + SLACK + "\":\"" + NEW_HOOK + "\",\"sentinel.notify.webhook.url\":\"https://example.com/h\","
                + "\"sentinel.notify.webhook.secret\":\"" + signing + "\"}");
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(live.get("sentinel.notify.webhook.secret")).contains(signing);
        long before = live.generation();
        secret.set("{\"" + SLACK + "\":\"" + OLD_HOOK + "\",\"sentinel.notify.webhook.url\":\"https://example.com/h\"}");
        clock.set(Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(live.get("sentinel.notify.webhook.secret")).as("kept").contains(signing);
        assertThat(live.get(SLACK)).as("nothing of that read").contains(NEW_HOOK);
        assertThat(live.generation()).isEqualTo(before);
    }

    @Test
    void aFailedReadKeepsEveryValueAndIsTriedAgainFiveMinutesLater() {
        LiveSecrets live = live(Set.of());
        secret.set(null);
        clock.set(Instant.parse("2026-12-01T09:00:00Z"));
        try (LogCapture log = LogCapture.start()) {
            assertThat(live.get(SLACK)).contains(OLD_HOOK);
            assertThat(log.all()).contains("event=secret_read_failed").contains(ARN).doesNotContain("S3cret");
        }
        secret.set(json(NEW_HOOK, "t0kenOld"));
        clock.set(Instant.parse("2026-12-01T09:04:59Z"));
        assertThat(live.get(SLACK)).contains(OLD_HOOK);
        clock.set(Instant.parse("2026-12-01T09:05:00Z"));
        assertThat(live.get(SLACK)).contains(NEW_HOOK);
        assertThat(reads).hasSize(2);
    }

    @Test
    void withoutASecretNothingIsEverRead() {
        LiveSecrets fixed = LiveSecrets.fixed(Map.of(SLACK, Optional.of(OLD_HOOK)));
        assertThat(fixed.refreshNow()).isFalse();
        assertThat(fixed.get(SLACK)).contains(OLD_HOOK);
        assertThat(fixed.get(TOKEN)).isEmpty();
    }
}
