package io.marketsentinel.cli;

import io.marketsentinel.replay.Replayer;

import java.io.PrintWriter;
import java.util.Locale;

/** A replay's progress as one line on stderr, rewritten in place, ended when the replay is done. */
final class ProgressLine implements Replayer.Progress {

    private final PrintWriter err;
    private final long startedNanos = System.nanoTime();

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void rowsDone(int done, int total) {
        // Padded, so a shorter line covers the longer one it rewrites.
        if (done < total) {
            err.printf(Locale.ROOT, "\r%-60s", String.format(Locale.ROOT, "replaying: %,d of %,d rows (%d%%)", done, total,
                    (int) (100L * done / total)));
        } else {
            err.printf(Locale.ROOT, "\r%-60s%n", String.format(Locale.ROOT, "replayed %,d rows in %.1f s", total,
                    (System.nanoTime() - startedNanos) / 1e9));
        }
        err.flush();
    }
}
