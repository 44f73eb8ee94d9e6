package io.marketsentinel.testing;

import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every log line (with its stack trace) while open, to prove what the logs do and do not say. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    /** The MDC "event" of each record that had one: what the stack's alarm filters match. */
    private final List<String> events = new ArrayList<>();

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + " " + message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
        if (record instanceof ExtLogRecord ext && ext.getMdc("event") != null) {
            events.add(ext.getMdc("event"));
        }
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized String all() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
