package io.marketsentinel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a person is watching stderr, so progress lines are not written into a log file or a pipe. */
final class Terminal {

    private Terminal() {
    }

    static boolean stderrIsTerminal() {
        try {
            // Java 17 has no isatty for stderr; on Linux the descriptor's link names the terminal device.
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // No /proc (macOS, Windows): a console on stdin and stdout is the best sign there is.
            return System.console() != null;
        }
    }
}
