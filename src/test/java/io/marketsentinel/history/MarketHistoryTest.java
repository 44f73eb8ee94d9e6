package io.marketsentinel.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketHistoryTest {

    private static final Instant T = Instant.parse("2026-02-01T00:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(8);

    @Test
    void dropsWhatIsOlderThanTheRetention() {
        MarketHistory h = MarketHistory.empty()
                .append(new Reading(T, 3e12), RETENTION)
                .append(new Reading(T.plus(Duration.ofDays(8)), 3e12), RETENTION)
                .append(new Reading(T.plus(Duration.ofDays(8)).plusSeconds(1), 3e12), RETENTION);
        assertThat(h.points()).extracting(Reading::time)
                .containsExactly(T.plus(Duration.ofDays(8)), T.plus(Duration.ofDays(8)).plusSeconds(1));
    }

    @Test
    void aReadingInTheSameSecondReplacesTheLatest() {
        MarketHistory h = MarketHistory.empty()
                .append(new Reading(T.plusMillis(100), 3e12), RETENTION)
                .append(new Reading(T.plusMillis(900), 2e12), RETENTION);
        assertThat(h.points()).containsExactly(new Reading(T, 2e12));
    }

    @Test
    void aReadingBeforeTheLatestIsRefused() {
        MarketHistory h = MarketHistory.empty().append(new Reading(T, 3e12), RETENTION);
        assertThatThrownBy(() -> h.append(new Reading(T.minusSeconds(5), 3e12), RETENTION))
                .hasMessageContaining("is before the latest recorded reading");
    }

    @Test
    void keepsWholeDollarsAndSeconds() {
        Reading p = MarketHistory.empty().append(new Reading(T.plusMillis(999), 3_014_700_000_000.49), RETENTION)
                .latest().orElseThrow();
        assertThat(p.time()).isEqualTo(T);
        assertThat(p.value()).isEqualTo(3_014_700_000_000.0);
    }
}
