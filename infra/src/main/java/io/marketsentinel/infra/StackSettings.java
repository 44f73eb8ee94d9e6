package io.marketsentinel.infra;

import software.constructs.Node;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stack's choices, from CDK context values ({@code cdk deploy -c runtime=jvm -c alarmEmail=...}),
 * each with the default that {@code cdk.json} also records.
 *
 * @param jvm                 {@code runtime=jvm}: the JVM zip on {@code java21} with SnapStart; otherwise native on {@code provided.al2023}
 * @param functionZip         the built {@code function.zip} (defaults to {@code ../target/function.zip})
 * @param schedule            the EventBridge Scheduler expression
 * @param memoryMb            function memory (native 256, JVM 512 by default)
 * @param timeoutSeconds      function timeout
 * @param arm64               {@code architecture=arm64} (the zip must be built for it)
 * @param reservedConcurrency at most this many runs at once (1: a manual and a scheduled run queue up)
 * @param logRetentionDays    how long the function's logs are kept
 * @param alarmEmail          where alarms are sent (an SNS topic with an email subscription), if set
 * @param coins               the watched coins ({@code -c coins=bitcoin,ethereum}), for the function and the dashboard
 * @param drawdownPercent     the drawdown threshold ({@code -c drawdownPercent=15}), for the function and the dashboard
 * @param environment         the function's settings from context, as its environment variables (never secrets)
 * @param chartFontsLayer     a Lambda layer with fonts for the alerts' charts ({@code -c chartFontsLayer=arn:...}), JVM only;
 *                            without one the charts are off, as Lambda's Java runtime has no fonts to draw with
 */
public record StackSettings(boolean jvm, Path functionZip, String schedule, int memoryMb, int timeoutSeconds,
                            boolean arm64, int reservedConcurrency, int logRetentionDays, Optional<String> alarmEmail,
                            List<String> coins, double drawdownPercent, Map<String, String> environment,
                            Optional<String> chartFontsLayer) {

    private static final Pattern COIN = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern SCHEDULE = Pattern.compile("(rate|cron)\\(.+\\)");
    private static final Pattern LEVEL = Pattern.compile("[a-z0-9][a-z0-9-]*[<>][0-9]+(\\.[0-9]+)?");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern LAYER_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:layer:[A-Za-z0-9_-]+:[0-9]+");
    private static final Pattern WINDOW_NAME = Pattern.compile("[a-z][a-z0-9]*");

    /**
     * {@code fast:P1D:10,slow:P30D:25}: further drawdown windows by name, each its window and percent, as
     * the function's {@code sentinel.rules.drawdowns.<name>.*}.
     */
    private static void drawdowns(String value, Map<String, String> environment) {
        for (String entry : value.split(",", -1)) {
            String[] parts = entry.strip().split(":", -1);
            if (parts.length != 3 || !WINDOW_NAME.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException("context 'drawdowns' must be name:window:percent entries, e.g. "
                        + "fast:P1D:10; not '" + entry.strip() + "'");
            }
            String prefix = "SENTINEL_RULES_DRAWDOWNS_" + parts[0].toUpperCase(java.util.Locale.ROOT) + "_";
            environment.put(prefix + "WINDOW", duration("drawdowns", parts[1]));
            try {
                double percent = Double.parseDouble(parts[2]);
                if (!(percent > 0 && percent < 100)) {
                    throw new NumberFormatException();
                }
                environment.put(prefix + "PERCENT", plain(percent));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("context 'drawdowns': the percent of '" + entry.strip()
                        + "' must be between 0 and 100");
            }
        }
    }

    public static StackSettings fromContext(Node node) {
        String runtime = string(node, "runtime", "native");
        if (!runtime.equals("jvm") && !runtime.equals("native")) {
            throw new IllegalArgumentException("context 'runtime' must be native or jvm, not '" + runtime + "'");
        }
        boolean jvm = runtime.equals("jvm");
        String architecture = string(node, "architecture", "x86_64");
        if (!architecture.equals("x86_64") && !architecture.equals("arm64")) {
            throw new IllegalArgumentException("context 'architecture' must be x86_64 or arm64, not '" + architecture + "'");
        }
        String schedule = string(node, "schedule", "rate(15 minutes)");
        if (!SCHEDULE.matcher(schedule).matches()) {
            throw new IllegalArgumentException("context 'schedule' must be rate(...) or cron(...), e.g. rate(15 minutes); not '"
                    + schedule + "'");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> coins = List.of(string(node, "coins", "bitcoin").split(",", -1));
        for (String coin : coins) {
            if (!COIN.matcher(coin).matches()) {
                throw new IllegalArgumentException("context 'coins' must be CoinGecko ids separated by commas (e.g. "
                        + "bitcoin,ethereum), not '" + string(node, "coins", "") + "'");
            }
        }
        environment.put("SENTINEL_COINS", String.join(",", coins));
        double percent = decimal(node, "drawdownPercent", 15);
        if (!(percent > 0 && percent < 100)) {
            throw new IllegalArgumentException("context 'drawdownPercent' must be between 0 and 100, not " + percent);
        }
        environment.put("SENTINEL_RULES_DRAWDOWN_PERCENT", plain(percent));
        optional(node, "drawdownWindow").ifPresent(v -> environment.put("SENTINEL_RULES_DRAWDOWN_WINDOW", duration("drawdownWindow", v)));
        optional(node, "lowMinAge").ifPresent(v -> environment.put("SENTINEL_RULES_LOW_MIN_AGE", duration("lowMinAge", v)));
        optional(node, "drawdowns").ifPresent(v -> drawdowns(v, environment));
        optional(node, "coinDrawdownPercent").ifPresent(v -> {
            double coinPercent = decimal(node, "coinDrawdownPercent", 0);
            if (!(coinPercent > 0 && coinPercent < 100)) {
                throw new IllegalArgumentException("context 'coinDrawdownPercent' must be between 0 and 100, not " + v);
            }
            environment.put("SENTINEL_RULES_COIN_DRAWDOWN_PERCENT", plain(coinPercent));
        });
        optional(node, "coinDrawdownWindow").ifPresent(v -> environment.put("SENTINEL_RULES_COIN_DRAWDOWN_WINDOW",
                duration("coinDrawdownWindow", v)));
        optional(node, "levels").ifPresent(v -> {
            for (String level : v.split(",", -1)) {
                if (!LEVEL.matcher(level.strip()).matches() || !coins.contains(level.strip().split("[<>]")[0])) {
                    throw new IllegalArgumentException("context 'levels' must be watched coins with a level, e.g. "
                            + "bitcoin<60000,bitcoin>120000; not '" + level.strip() + "'");
                }
            }
            environment.put("SENTINEL_RULES_LEVELS", v.replace(" ", ""));
        });
        Optional<String> emailTo = optional(node, "emailTo");
        if (emailTo.isPresent()) {
            for (String to : emailTo.get().split(",", -1)) {
                requireEmail("emailTo", to.strip());
            }
            String from = optional(node, "emailFrom").orElseThrow(() -> new IllegalArgumentException(
                    "context 'emailTo' needs 'emailFrom' (the sender, e.g. -c emailFrom=alerts@example.com)"));
            requireEmail("emailFrom", from);
            String host = optional(node, "smtpHost").orElseThrow(() -> new IllegalArgumentException(
                    "context 'emailTo' needs 'smtpHost' (e.g. -c smtpHost=email-smtp.us-east-1.amazonaws.com)"));
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("context 'smtpHost' must be a host name, not '" + host + "'");
            }
            environment.put("SENTINEL_NOTIFY_EMAIL_TO", emailTo.get().replace(" ", ""));
            environment.put("SENTINEL_NOTIFY_EMAIL_FROM", from);
            environment.put("SENTINEL_NOTIFY_EMAIL_SMTP_HOST", host);
        } else if (optional(node, "emailFrom").isPresent() || optional(node, "smtpHost").isPresent()) {
            throw new IllegalArgumentException("context 'emailFrom' and 'smtpHost' are used only with 'emailTo' (the recipients)");
        }
        if (optional(node, "smtpPort").isPresent()) {
            int port = integer(node, "smtpPort", 587);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("context 'smtpPort' must be a port number (1-65535), not " + port);
            }
            if (emailTo.isEmpty()) {
                throw new IllegalArgumentException("context 'smtpPort' is used only with 'emailTo' (the recipients)");
            }
            environment.put("SENTINEL_NOTIFY_EMAIL_SMTP_PORT", Integer.toString(port));
        }
        // The function judges its last check late by the schedule's interval (status, GET /status).
        environment.put("SENTINEL_RUN_EVERY", "PT" + checkIntervalMinutes(schedule) + "M");
        Optional<String> fontsLayer = optional(node, "chartFontsLayer");
        if (fontsLayer.isPresent()) {
            if (!LAYER_ARN.matcher(fontsLayer.get()).matches()) {
                throw new IllegalArgumentException("context 'chartFontsLayer' must be a layer version ARN "
                        + "(arn:aws:lambda:<region>:<account>:layer:<name>:<version>), not '" + fontsLayer.get() + "'");
            }
            if (!jvm) {
                throw new IllegalArgumentException("context 'chartFontsLayer' is for runtime=jvm: the native executable "
                        + "draws no charts");
            }
            // Where the usual fonts layer keeps fontconfig's files; its libraries are in /opt/lib, on Lambda's path.
            environment.put("FONTCONFIG_PATH", "/opt/etc/fonts");
        }
        // Lambda's Java runtime has no fonts (AWT cannot draw text there): charts only with a layer that brings them.
        environment.put("SENTINEL_NOTIFY_CHARTS", Boolean.toString(fontsLayer.isPresent()));
        return new StackSettings(jvm,
                Path.of(string(node, "functionZip", "../target/function.zip")),
                schedule,
                integer(node, "memory", jvm ? 512 : 256),
                integer(node, "timeout", 60),
                architecture.equals("arm64"),
                integer(node, "reservedConcurrency", 1),
                integer(node, "logRetentionDays", 30),
                optional(node, "alarmEmail"), coins, percent, environment, fontsLayer);
    }

    /** How often the schedule runs a check, in minutes: for the heartbeat and the errors alarm. */
    public int checkIntervalMinutes() {
        return checkIntervalMinutes(schedule);
    }

    /**
     * A {@code rate(...)} schedule's interval; a {@code cron(...)} one is taken as hourly, which no simple
     * reading of a cron expression could do better for an alarm's period.
     */
    static int checkIntervalMinutes(String schedule) {
        java.util.regex.Matcher rate = RATE.matcher(schedule);
        if (!rate.matches()) {
            return 60;
        }
        int n = Integer.parseInt(rate.group(1));
        return switch (rate.group(2)) {
            case "minute", "minutes" -> n;
            case "hour", "hours" -> n * 60;
            default -> n * 24 * 60;
        };
    }

    private static Optional<String> optional(Node node, String key) {
        return Optional.ofNullable(node.tryGetContext(key)).map(Object::toString).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static void requireEmail(String key, String value) {
        if (!EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException("context '" + key + "' must be e-mail addresses separated by commas, not '"
                    + value + "'");
        }
    }

    /** An ISO-8601 duration as the function reads it ({@code P7D}, {@code PT12H}). */
    private static String duration(String key, String value) {
        try {
            Duration parsed = Duration.parse(value);
            if (!parsed.isNegative() && !parsed.isZero()) {
                return value;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("context '" + key + "' must be a positive ISO-8601 duration such as P7D or PT12H, not '"
                + value + "'");
    }

    private static double decimal(Node node, String key, double fallback) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context '" + key + "' must be a number, not '" + value + "'");
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String string(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    private static int integer(Node node, String key, int fallback) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context '" + key + "' must be a whole number, not '" + value + "'");
        }
    }
}
