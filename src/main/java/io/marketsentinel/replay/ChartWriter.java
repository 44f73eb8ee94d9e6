package io.marketsentinel.replay;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.history.History;
import io.marketsentinel.rules.RuleSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Draws charts: a replay's, and the picture attached to an alert ({@link AlertChart}). The implementation ({@link ChartRenderer}) is looked up by name, so that
 * the charting library (and AWT) stay out of the native executable, which only ever runs on Lambda.
 */
public interface ChartWriter {

    /**
     * Built at run time on purpose: native-image folds {@code Class.forName} of a constant and
     * would then pull the charting library (and AWT) into the executable.
     */
    static String implementation() {
        return String.join(".", ChartWriter.class.getPackageName(), "ChartRenderer");
    }

    void write(Replayer.Result result, Path file) throws IOException;

    /** The PNG attached to {@code notification}, drawn from {@code history}; empty where it has none. */
    Optional<byte[]> alertPng(Notification notification, History history, RuleSet rules);

    /** The chart writer, or a clear error where it is not available (the native executable). */
    static ChartWriter load() {
        try {
            return (ChartWriter) Class.forName(implementation()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("charts are not available in this build (the native executable"
                    + " leaves them out); run replay with the JVM jar");
        }
    }
}
