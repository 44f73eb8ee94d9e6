package io.marketsentinel.check;

import io.marketsentinel.history.History;
import io.marketsentinel.notify.ChartSource;

/** Draws a run's charts from the history the run holds (the composition root says how, or that there are none). */
@FunctionalInterface
public interface ChartDrawing {

    ChartDrawing NONE = history -> ChartSource.NONE;

    ChartSource over(History history);
}
