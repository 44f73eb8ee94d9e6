package io.marketsentinel.notify;

import io.marketsentinel.alerting.DecisionKind;

import java.util.List;
import java.util.Optional;

/**
 * What one channel takes ({@code sentinel.notify.<channel>.rules} / {@code .send-resolved}): the rules
 * whose notifications go to it (all when none are named; a rule's name also takes its named windows,
 * {@code market-drawdown} takes {@code market-drawdown:fast}), and whether it gets resolved notices
 * (when unset, as the rule says); and its quiet hours, if any ({@code .quiet-hours}).
 */
public record ChannelRoute(Optional<List<String>> rules, Optional<Boolean> sendResolved, Optional<QuietHours> quiet) {

    public static final ChannelRoute ALL = new ChannelRoute(Optional.empty(), Optional.empty());

    public ChannelRoute(Optional<List<String>> rules, Optional<Boolean> sendResolved) {
        this(rules, sendResolved, Optional.empty());
    }

    boolean takes(String rule, DecisionKind kind, boolean ruleSendsResolved) {
        boolean ruleRouted = rules.filter(names -> !names.isEmpty())
                .map(names -> names.stream().anyMatch(name -> rule.equals(name) || rule.startsWith(name + ":")))
                .orElse(true);
        if (!ruleRouted) {
            return false;
        }
        return kind != DecisionKind.RESOLVED || sendResolved.orElse(ruleSendsResolved);
    }
}
