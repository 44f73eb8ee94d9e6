package io.marketsentinel.alerting;

import java.util.Collection;
import java.util.List;

/**
 * Where a notification goes, as Alertmanager's receivers have it: per channel, the rules it takes and
 * whether it takes resolved notices. The ledger asks before it makes a notification, so a notification
 * enters the outbox only for the channels it is routed to.
 */
@FunctionalInterface
public interface Routes {

    /**
     * The channels a notification of {@code rule} and {@code kind} goes to; for RESOLVED, those whose own
     * send-resolved asks for it (or, where a channel says nothing, the rule's {@code ruleSendsResolved}).
     */
    List<String> channels(String rule, DecisionKind kind, boolean ruleSendsResolved);

    /** Every channel takes every rule; resolved notices as the rule says. */
    static Routes all(Collection<String> channels) {
        List<String> every = List.copyOf(channels);
        return (rule, kind, ruleSendsResolved) -> kind == DecisionKind.RESOLVED && !ruleSendsResolved ? List.of() : every;
    }
}
