package io.marketsentinel.cli;

import io.quarkus.runtime.configuration.DurationConverter;
import picocli.CommandLine;

import java.time.Duration;

/**
 * A duration option read exactly as the configuration reads durations (Quarkus' converter): {@code 7d},
 * {@code 15m}, {@code PT15M}, {@code P7D} or plain seconds, so {@code --window 7d} means what
 * {@code SENTINEL_RULES_DRAWDOWN_WINDOW=7d} means. Negative durations are refused.
 */
final class DurationOption implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration parsed;
        try {
            parsed = DurationConverter.parseDuration(value);
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed == null) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration (write it as in the configuration: 7d, 15m, P7D or PT15M)");
        }
        if (parsed.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is negative");
        }
        return parsed;
    }
}
