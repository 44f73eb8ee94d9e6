package io.marketsentinel.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads history CSV: a header with {@code timestamp}, optionally {@code total_market_cap_usd}, and
 * one {@code <coin-id>_usd} column per coin; then rows in strictly increasing time. Timestamps are
 * ISO-8601 with a zone or offset, or Unix time in seconds or milliseconds. An empty cell means
 * "no observation". The whole file is read and checked before anything uses it.
 */
public final class HistoryCsv {

    public static final String TIMESTAMP = "timestamp";
    public static final String TOTAL = "total_market_cap_usd";
    private static final Pattern COIN_COLUMN = Pattern.compile("[a-z0-9][a-z0-9-]*_usd");
    /** Above this a numeric timestamp is milliseconds (1e11 s is the year 5138). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private HistoryCsv() {
    }

    /** The parsed file: coin ids in column order, and the observations in time order. */
    public record Parsed(List<String> coins, boolean hasTotal, List<Observation> rows) {
    }

    /** Reads a file, named in error messages by its path. */
    public static Parsed read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new NoSuchFileException(file.toString(), null, "cannot read the history CSV");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    public static Parsed read(Reader source, String name) throws IOException {
        BufferedReader in = new BufferedReader(source);
        String headerLine = in.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw new CsvFormatException(name, 1, null, "empty file: expected a header with 'timestamp'");
        }
        String[] header = split(stripBom(headerLine));
        if (!header[0].strip().equals(TIMESTAMP)) {
            throw new CsvFormatException(name, 1, header[0].strip(), "the first column must be 'timestamp'");
        }
        List<String> coins = new ArrayList<>();
        boolean hasTotal = false;
        for (int c = 1; c < header.length; c++) {
            String column = header[c].strip();
            if (column.equals(TOTAL) && !hasTotal) {
                hasTotal = true;
            } else if (COIN_COLUMN.matcher(column).matches() && !coins.contains(column.substring(0, column.length() - 4))) {
                coins.add(column.substring(0, column.length() - 4));
            } else {
                throw new CsvFormatException(name, 1, column, "unknown or repeated column (expected '" + TOTAL
                        + "' or '<coin-id>_usd', e.g. 'bitcoin_usd')");
            }
        }
        List<Observation> rows = new ArrayList<>();
        Instant previous = null;
        int lineNumber = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (cells.length > header.length) {
                throw new CsvFormatException(name, lineNumber, null, "has " + cells.length + " cells, the header " + header.length);
            }
            Instant time = timestamp(cells[0].strip(), name, lineNumber);
            if (previous != null && !time.isAfter(previous)) {
                throw new CsvFormatException(name, lineNumber, TIMESTAMP, time.equals(previous)
                        ? "duplicate timestamp " + time : "timestamp " + time + " is before the previous row's " + previous
                        + " (rows must be in time order)");
            }
            previous = time;
            Double total = null;
            Map<String, Double> prices = new LinkedHashMap<>();
            for (int c = 1; c < cells.length; c++) {
                String column = header[c].strip();
                Double value = number(cells[c].strip(), name, lineNumber, column);
                if (value == null) {
                    continue;
                }
                if (column.equals(TOTAL)) {
                    total = value;
                } else {
                    prices.put(column.substring(0, column.length() - 4), value);
                }
            }
            rows.add(new Observation(time, total, prices));
        }
        if (rows.isEmpty()) {
            throw new CsvFormatException(name, lineNumber, null, "no rows after the header");
        }
        return new Parsed(List.copyOf(coins), hasTotal, List.copyOf(rows));
    }

    private static Instant timestamp(String cell, String name, int line) {
        if (cell.isEmpty()) {
            throw new CsvFormatException(name, line, TIMESTAMP, "missing timestamp");
        }
        if (cell.chars().allMatch(Character::isDigit)) {
            try {
                long value = Long.parseLong(cell);
                return value >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            } catch (NumberFormatException e) {
                throw new CsvFormatException(name, line, TIMESTAMP, "'" + cell + "' is too large for a Unix time");
            }
        }
        try {
            return OffsetDateTime.parse(cell).toInstant();
        } catch (DateTimeParseException e) {
            throw new CsvFormatException(name, line, TIMESTAMP, "'" + cell
                    + "' is not an ISO-8601 time with a zone (2026-02-04T12:00:00Z) nor Unix seconds or milliseconds");
        }
    }

    private static Double number(String cell, String name, int line, String column) {
        if (cell.isEmpty()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(name, line, column, "'" + cell + "' is not a number");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new CsvFormatException(name, line, column, "'" + cell + "' is not a finite number");
        }
        if (value <= 0) {
            throw new CsvFormatException(name, line, column, (value < 0 ? "negative value " : "zero value ") + cell
                    + " (prices and market caps are positive)");
        }
        return value;
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
