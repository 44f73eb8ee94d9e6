package io.marketsentinel.config;

import io.quarkus.runtime.configuration.ConfigurationException;

import java.util.List;

/**
 * The settings cannot work; each problem names its key (and its value, unless it is a secret).
 * A Quarkus {@link ConfigurationException}, so even where no one formats it (the JVM Lambda
 * handler) Quarkus prints the message alone, without a stack trace.
 */
public class InvalidConfigurationException extends ConfigurationException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super("invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
