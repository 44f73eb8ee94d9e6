package io.marketsentinel.store;

import io.marketsentinel.alerting.SentinelState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link StateStore} promises; run against the file store and DynamoDB Local. */
abstract class StateStoreContract {

    protected final StateCodec codec = new StateCodec();

    /** A store over empty storage of its own. */
    protected abstract StateStore newStore();

    /** A second store over the same storage as the last {@link #newStore()} (another process, say). */
    protected abstract StateStore sameStorage();

    private static SentinelState sample() {
        return StateFixtures.simulated(Instant.parse("2026-01-01T00:00:00Z"), 800)
                .withLastRun(Instant.parse("2026-01-09T08:00:00Z"), "{\"outcome\":\"ok\"}");
    }

    @Test
    void emptyStorageLoadsAsVersionZero() {
        Stored stored = newStore().load();
        SentinelState state = stored.state();
        assertThat(stored.sizeBytes()).isZero();
        assertThat(state.version()).isZero();
        assertThat(state.history().market().isEmpty()).isTrue();
    }

    @Test
    void whatIsSavedIsWhatIsLoadedWithTheNextVersion() {
        StateStore store = newStore();
        Stored saved = store.save(sample(), 0);
        assertThat(saved.state().version()).isEqualTo(1);
        assertThat(saved.sizeBytes()).isEqualTo(codec.encode(saved.state()).length);

        Stored loaded = sameStorage().load();
        assertThat(loaded.state().version()).isEqualTo(1);
        assertThat(codec.encode(loaded.state())).isEqualTo(codec.encode(saved.state()));
        assertThat(loaded.sizeBytes()).isEqualTo(saved.sizeBytes());
        assertThat(store.save(loaded.state(), 1).state().version()).isEqualTo(2);
    }

    @Test
    void aSaveFromAnOldVersionLosesAndChangesNothing() {
        StateStore store = newStore();
        store.save(sample(), 0);
        SentinelState winner = store.save(sample().withLastRun(Instant.parse("2026-02-01T00:00:00Z"), null), 1).state();

        assertThatThrownBy(() -> sameStorage().save(SentinelState.initial(), 1))
                .isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> sameStorage().save(SentinelState.initial(), 0))
                .isInstanceOf(VersionConflictException.class);
        assertThat(codec.encode(store.load().state())).isEqualTo(codec.encode(winner));
    }

    @Test
    void ofEightSimultaneousSavesFromOneVersionExactlyOneWins() throws Exception {
        StateStore first = newStore();
        first.save(sample(), 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            StateStore store = sameStorage();
            SentinelState mine = sample().withLastRun(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i), null);
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    store.save(mine, 1);
                    return true;
                } catch (VersionConflictException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> f : outcomes) {
            wins += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(wins).isEqualTo(1);
        assertThat(first.load().state().version()).isEqualTo(2);
    }
}
