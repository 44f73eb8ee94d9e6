package io.marketsentinel.alerting;

/** What the ledger decided for one finding (Alertmanager's vocabulary, plus PENDING for `for`). */
public enum DecisionKind {
    /** The condition holds but has not held for the rule's {@code for} yet: nothing is sent. */
    PENDING,
    /** A new episode: notified. */
    NEW,
    /** The episode got worse by a full step: notified. */
    ESCALATED,
    /** Still firing at the same level after the repeat interval: notified (off by default). */
    REPEAT,
    /** The episode ended: notified only where the rule's send-resolved is on. */
    RESOLVED,
    /**
     * The condition is back, but what it would say was said recently (a coin low naming about the same
     * "lowest since" day at about the same price): folded into the earlier notification, nothing sent.
     */
    FOLDED,
    /**
     * What would have been notified (a new episode, a worse level, a reminder) is muted by an active
     * silence: sent to no channel, and the episode left as if it had not been said, so that the first run
     * after the silence ends tells it, once, if it still holds.
     */
    SILENCED,
    /** Nothing new to say. */
    UNCHANGED;

    public boolean notifies() {
        return this == NEW || this == ESCALATED || this == REPEAT || this == RESOLVED;
    }
}
