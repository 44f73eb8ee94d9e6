package io.marketsentinel.cli;

import picocli.CommandLine;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A day option: an ISO date, {@code 2024-08-05}. */
final class DayOption implements CommandLine.ITypeConverter<LocalDate> {

    @Override
    public LocalDate convert(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a day (write it as 2024-08-05)");
        }
    }
}
