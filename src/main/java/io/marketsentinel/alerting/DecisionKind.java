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
    /** Nothing new to say. */
    UNCHANGED;

    public boolean notifies() {
        return this == NEW || this == ESCALATED || this == REPEAT || this == RESOLVED;
    }
}
