package io.marketsentinel.store;

import io.marketsentinel.alerting.SentinelState;

/**
 * A state as the store holds it: the state, with the version it was read or written at, and the
 * size of its stored document in bytes (for the report, and to see the budget coming).
 */
public record Stored(SentinelState state, int sizeBytes) {
}
