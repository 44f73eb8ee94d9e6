package io.marketsentinel.config;

import io.smallrye.config.ConfigValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed start (or an error Quarkus reports on the way out) as sentences a user can act on: one
 * line per configuration problem, naming the key, its environment variable and the value as read
 * (never a secret's value), and what it must be. The command line prints them; on Lambda they are the
 * init error Lambda records.
 */
public final class StartFailure {

    /** A configuration problem that starts with its key ("sentinel.rules.drawdown.percent is '-5': …"). */
    private static final Pattern KEYED = Pattern.compile("^(sentinel\\.[a-z0-9.-]+)( is |: | must | has | contains | are )");

    /** SmallRye's "could not convert" message: the key, the value, and the converter's complaint. */
    private static final Pattern NOT_CONVERTED = Pattern.compile(
            "SRCFG00039: The config property (\\S+) with the config value \"(.*)\" threw an Exception whilst being converted (.*)",
            Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("(?:[\\w.]+Exception: )?SRCFG\\d+: ");
    private static final Pattern ENUM = Pattern.compile("Cannot convert .* to enum class .*, allowed values: (.*)");

    private StartFailure() {
    }

    /**
     * @param traceHint how to see the stack trace where this is said ("--debug" on the command line),
     *                  added to a failure that is not a configuration problem
     */
    public static List<String> sentences(Throwable failure, String traceHint) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        List<String> lines = new ArrayList<>();
        if (root instanceof InvalidConfigurationException invalid) {
            invalid.problems().forEach(p -> lines.add("configuration error: " + withEnvName(p)));
        } else if (root instanceof ConfigValidationException invalid) {
            for (int i = 0; i < invalid.getProblemCount(); i++) {
                lines.add("configuration error: " + problem(invalid.getProblem(i).getMessage()));
            }
        } else {
            lines.add("failed: " + (root.getMessage() == null ? root.toString() : root.getMessage())
                    + " (" + traceHint + ")");
        }
        return lines;
    }

    /** "sentinel.x is …" as "sentinel.x (SENTINEL_X) is …": the name a deployment sets it by. */
    static String withEnvName(String problem) {
        Matcher m = KEYED.matcher(problem);
        return m.find() ? m.group(1) + " (" + envName(m.group(1)) + ")" + problem.substring(m.end(1)) : problem;
    }

    static String problem(String message) {
        Matcher m = NOT_CONVERTED.matcher(message);
        if (!m.find()) {
            return CODE.matcher(message).replaceAll("");
        }
        String key = m.group(1);
        String complaint = why(CODE.matcher(m.group(3)).replaceAll(""));
        if (ConfigCheck.SECRET_KEYS.contains(key)) {
            // The converter's complaint quotes the value too.
            return key + " (" + envName(key) + ") is (not shown): "
                    + (m.group(2).isEmpty() ? complaint : complaint.replace(m.group(2), "***"));
        }
        return key + " (" + envName(key) + ") is '" + m.group(2) + "': " + complaint;
    }

    private static String why(String complaint) {
        if (complaint.startsWith("Expected a double value") || complaint.startsWith("Expected a float value")) {
            return "not a number";
        }
        if (complaint.startsWith("Expected an integer value") || complaint.startsWith("Expected a long value")) {
            return "not a whole number";
        }
        if (complaint.startsWith("Invalid duration")) {
            return "not a duration (7d, 15m, P7D or PT15M)";
        }
        Matcher choices = ENUM.matcher(complaint);
        return choices.matches() ? "not one of " + choices.group(1).replace(",", ", ") : complaint;
    }

    /** The environment variable SmallRye maps to {@code key}. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
