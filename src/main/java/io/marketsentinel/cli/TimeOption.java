package io.marketsentinel.cli;

import io.marketsentinel.replay.HistoryCsv;
import picocli.CommandLine;

import java.time.Instant;

/** A time option read as the history CSV reads its timestamps (ISO-8601 with a zone, a date, Unix time). */
final class TimeOption implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return HistoryCsv.time(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is " + e.getMessage());
        }
    }
}
