package io.marketsentinel.infra;

import software.constructs.Node;

import java.nio.file.Path;
import java.util.Optional;

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
 */
public record StackSettings(boolean jvm, Path functionZip, String schedule, int memoryMb, int timeoutSeconds,
                            boolean arm64, int reservedConcurrency, int logRetentionDays, Optional<String> alarmEmail) {

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
        return new StackSettings(jvm,
                Path.of(string(node, "functionZip", "../target/function.zip")),
                string(node, "schedule", "rate(15 minutes)"),
                integer(node, "memory", jvm ? 512 : 256),
                integer(node, "timeout", 60),
                architecture.equals("arm64"),
                integer(node, "reservedConcurrency", 1),
                integer(node, "logRetentionDays", 30),
                Optional.ofNullable(node.tryGetContext("alarmEmail")).map(Object::toString).filter(s -> !s.isBlank()));
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
