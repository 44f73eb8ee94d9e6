package io.marketsentinel.store;

import io.marketsentinel.alerting.SentinelState;

import java.time.Instant;

/**
 * Where the state lives between runs. Optimistic concurrency: {@link #load()} returns the state
 * with the version it was read at, and {@link #save} succeeds only if nobody saved since, so of
 * two overlapping runs exactly one stores (and so only one notifies).
 */
public interface StateStore {

    /** The stored state, or {@link SentinelState#initial()} (version 0, size 0) when nothing is stored yet. */
    Stored load();

    /**
     * As {@link #load()}, answered by {@code deadline} (a run's): a store that waits on the network
     * gives up then with a {@link StoreException}, rather than outlive the run. By default a plain load.
     */
    default Stored load(Instant deadline) {
        return load();
    }

    /** As {@link #save(SentinelState, long)}, answered by {@code deadline}; by default a plain save. */
    default Stored save(SentinelState state, long expectedVersion, Instant deadline) {
        return save(state, expectedVersion);
    }

    /**
     * Stores {@code state} as version {@code expectedVersion + 1}, if the stored version is still
     * {@code expectedVersion}; returns the state with its new version and the stored size.
     *
     * @throws VersionConflictException when another run saved first; nothing is written
     */
    Stored save(SentinelState state, long expectedVersion);

    /**
     * Makes the store's first requests at init, writing nothing: by default a load. Returns what was read.
     */
    default Stored prime() {
        return load();
    }

    /** Where the state lives, for messages and the report ("file .sentinel/state.json"). */
    String describe();
}
