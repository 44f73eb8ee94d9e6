package io.marketsentinel.notify;

import io.marketsentinel.alerting.Notification;

import java.util.Optional;

/**
 * Draws the chart of a notification from the history as the run holds it. It may fail in any way (no
 * fonts in the runtime, a bug): the dispatcher sends the text alone then and the report says why.
 */
@FunctionalInterface
public interface ChartSource {

    /** No charts: every message goes as text. */
    ChartSource NONE = notification -> Optional.empty();

    /** The chart, or empty where the notification has none (a resolved episode, a price level). */
    Optional<Chart> chartFor(Notification notification);
}
