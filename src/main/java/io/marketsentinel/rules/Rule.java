package io.marketsentinel.rules;

import io.marketsentinel.history.History;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An alerting rule: looks at the history (which already holds the current check's readings) and
 * says, per subject, whether its condition holds, and how an alerted episode escalates or ends.
 */
public interface Rule {

    String name();

    /** How long the condition must keep holding before it alerts (Prometheus' {@code for}). */
    Duration holdFor();

    /** Whether the end of an episode is notified (Alertmanager's {@code send_resolved}). */
    boolean sendResolved();

    List<Finding> evaluate(History history, Instant now);

    /** Whether {@code current} is worse than what was last notified by enough to notify again. */
    boolean escalates(Finding current, Finding alerted);

    /** Whether {@code current} is far enough back from the alerted condition to end the episode. */
    boolean recovered(Finding current, Finding alerted);

    /**
     * How long a firing episode may go without its condition holding before it ends quietly, so that
     * the next time is news (a NEW, with its own figures) rather than an old episode's escalation.
     * Empty: episodes end only by {@link #recovered}.
     */
    default Optional<Duration> staleAfter() {
        return Optional.empty();
    }

    /**
     * How long what an episode said is remembered after it ended quietly, to judge whether the next
     * episode is news ({@link #news}); empty: not remembered, every new episode is news.
     */
    default Optional<Duration> newsMemory() {
        return Optional.empty();
    }

    /** Whether {@code current} says something {@code lastSaid} (said {@code sinceSaid} ago) did not. */
    default boolean news(Finding current, Finding lastSaid, Duration sinceSaid) {
        return true;
    }
}
