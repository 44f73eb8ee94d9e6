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

    /** Histories share their readings to append without copying; each one still reads as its own. */
    @Test
    void anOlderHistoryAppendedToAgainBranchesWithoutTouchingTheNewerOne() {
        MarketHistory base = MarketHistory.empty().append(new Reading(T, 1e12), RETENTION)
                .append(new Reading(T.plusSeconds(60), 2e12), RETENTION);
        MarketHistory newer = base.append(new Reading(T.plusSeconds(120), 3e12), RETENTION);
        MarketHistory branch = base.append(new Reading(T.plusSeconds(120), 9e12), RETENTION);
        MarketHistory newest = newer.append(new Reading(T.plusSeconds(180), 4e12), RETENTION);

        assertThat(base.points()).extracting(Reading::value).containsExactly(1e12, 2e12);
        assertThat(newer.points()).extracting(Reading::value).containsExactly(1e12, 2e12, 3e12);
        assertThat(branch.points()).extracting(Reading::value).containsExactly(1e12, 2e12, 9e12);
        assertThat(newest.points()).extracting(Reading::value).containsExactly(1e12, 2e12, 3e12, 4e12);
        assertThat(newest.since(T.plusSeconds(90))).extracting(Reading::value).containsExactly(3e12, 4e12);
        assertThat(newest.since(T.plusSeconds(120))).extracting(Reading::value).containsExactly(3e12, 4e12);
        assertThat(newest.since(T.plusSeconds(999))).isEmpty();
    }

    @Test
    void aLongRunOfAppendsKeepsOnlyTheRetentionAndStaysInOrder() {
        MarketHistory h = MarketHistory.empty();
        for (int i = 0; i < 20_000; i++) {
            h = h.append(new Reading(T.plus(Duration.ofMinutes(15L * i)), 1e12 + i), RETENTION);
        }
        // Eight days of quarter-hours, and the reading exactly at the cutoff.
        assertThat(h.points()).hasSize(8 * 96 + 1);
        assertThat(h.points().get(0).time()).isEqualTo(T.plus(Duration.ofMinutes(15L * 19_999)).minus(RETENTION));
        assertThat(h.latest()).map(Reading::value).contains(1e12 + 19_999);
    }

    /** The window's high, looked up in the sparse table, is the one a scan of the window finds (the earliest of ties). */
    @Test
    void theHighestSinceAnyTimeIsTheOneAScanFindsThroughGrowthCompactionAndBranches() {
        java.util.Random random = new java.util.Random(11);
        MarketHistory h = MarketHistory.empty();
        MarketHistory older = h;
        for (int i = 0; i < 12_000; i++) {
            // Few distinct values, so ties are common and the earliest must win.
            Reading r = new Reading(T.plus(Duration.ofMinutes(15L * i)), 1e12 + 1e9 * random.nextInt(40));
            if (i % 1000 == 999) {
                h = older.append(r, RETENTION); // a branch from an older history copies
            } else {
                older = h;
                h = h.append(r, RETENTION);
            }
            Instant from = r.time().minus(Duration.ofMinutes(15L * random.nextInt(900)));
            Reading scanned = null;
            for (Reading p : h.since(from)) {
                if (scanned == null || p.value() > scanned.value()) {
                    scanned = p;
                }
            }
            assertThat(h.highestSince(from)).as("row %d, from %s", i, from).contains(scanned);
        }
        assertThat(h.highestSince(T.plus(Duration.ofDays(9999)))).isEmpty();
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
