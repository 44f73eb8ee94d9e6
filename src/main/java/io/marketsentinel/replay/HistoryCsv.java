package io.marketsentinel.replay;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads history CSV: a header with {@code timestamp}, optionally {@code total_market_cap_usd}, and
 * one {@code <coin-id>_usd} column per coin; then rows in strictly increasing time. Timestamps are
 * ISO-8601 with a zone or offset, a date (midnight UTC), or Unix time in seconds or milliseconds.
 * An empty cell means "no observation". Read with Jackson's CSV parser (quoted fields, CRLF, a
 * byte-order mark, as spreadsheets export). The whole file is checked before anything uses it,
 * and every bad row is reported (line, column, value, why), up to {@link #MAX_PROBLEMS}.
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

    /** Problems listed at most; the rest are counted. */
    static final int MAX_PROBLEMS = 20;

    private static final CsvMapper CSV = new CsvMapper();

    public static Parsed read(Reader source, String name) throws IOException {
        List<CsvFormatException.Problem> problems = new ArrayList<>();
        int more = 0;
        List<String> coins = new ArrayList<>();
        boolean hasTotal = false;
        List<Observation> rows = new ArrayList<>();
        try (MappingIterator<List<String>> lines = CSV.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .with(CsvParser.Feature.TRIM_SPACES).readValues(withoutBom(source))) {
            if (!lines.hasNext()) {
                throw new CsvFormatException(name, 1, null, "empty file: expected a header with 'timestamp'");
            }
            List<String> header = lines.next();
            if (header.isEmpty() || !header.get(0).equals(TIMESTAMP)) {
                throw new CsvFormatException(name, 1, header.isEmpty() ? null : header.get(0),
                        "the first column must be 'timestamp'");
            }
            for (int c = 1; c < header.size(); c++) {
                String column = header.get(c);
                if (column.equals(TOTAL) && !hasTotal) {
                    hasTotal = true;
                } else if (COIN_COLUMN.matcher(column).matches() && !coins.contains(column.substring(0, column.length() - 4))) {
                    coins.add(column.substring(0, column.length() - 4));
                } else {
                    throw new CsvFormatException(name, 1, column, "unknown or repeated column (expected '" + TOTAL
                            + "' or '<coin-id>_usd', e.g. 'bitcoin_usd')");
                }
            }
            Instant previous = null;
            while (lines.hasNext()) {
                int line = lines.getCurrentLocation().getLineNr();
                List<String> cells;
                try {
                    cells = lines.next();
                } catch (RuntimeException e) {
                    throw new CsvFormatException(name, line, null, "not CSV (" + e.getMessage() + ")");
                }
                List<CsvFormatException.Problem> found = new ArrayList<>();
                Observation row = row(cells, header, line, found);
                if (row != null && previous != null && !row.time().isAfter(previous)) {
                    found.add(new CsvFormatException.Problem(line, TIMESTAMP, row.time().toString(), row.time().equals(previous)
                            ? "duplicate timestamp" : "before the previous row's " + previous + " (rows must be in time order)"));
                }
                if (found.isEmpty()) {
                    rows.add(row);
                    previous = row.time();
                } else {
                    for (CsvFormatException.Problem p : found) {
                        if (problems.size() < MAX_PROBLEMS) {
                            problems.add(p);
                        } else {
                            more++;
                        }
                    }
                    previous = row != null ? row.time() : previous;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CsvFormatException(name, problems, more);
        }
        if (rows.isEmpty()) {
            throw new CsvFormatException(name, 1, null, "no rows after the header");
        }
        return new Parsed(List.copyOf(coins), hasTotal, List.copyOf(rows));
    }

    /** One row, or {@code null} with what is wrong with it in {@code problems}. */
    private static Observation row(List<String> cells, List<String> header, int line,
                                   List<CsvFormatException.Problem> problems) {
        if (cells.size() != header.size()) {
            problems.add(new CsvFormatException.Problem(line, null, null, "has " + cells.size() + " cells, the header "
                    + header.size() + " (an empty cell, between commas, means no observation)"));
            return null;
        }
        Instant time = timestamp(cells.get(0), line, problems);
        Double total = null;
        Map<String, Double> prices = new LinkedHashMap<>();
        for (int c = 1; c < cells.size(); c++) {
            String column = header.get(c);
            Double value = number(cells.get(c), line, column, problems);
            if (value == null) {
                continue;
            }
            if (column.equals(TOTAL)) {
                total = value;
            } else {
                prices.put(column.substring(0, column.length() - 4), value);
            }
        }
        return time == null || !problems.isEmpty() ? null : new Observation(time, total, prices);
    }

    /** Spreadsheets often start a UTF-8 file with a byte-order mark, which is not part of the header. */
    private static Reader withoutBom(Reader source) throws IOException {
        PushbackReader in = new PushbackReader(source, 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }

    private static Instant timestamp(String cell, int line, List<CsvFormatException.Problem> problems) {
        if (cell.isEmpty()) {
            problems.add(new CsvFormatException.Problem(line, TIMESTAMP, null, "missing timestamp"));
            return null;
        }
        try {
            return time(cell);
        } catch (IllegalArgumentException e) {
            problems.add(new CsvFormatException.Problem(line, TIMESTAMP, cell, e.getMessage()));
            return null;
        }
    }

    /**
     * A time as the history CSV (and replay's {@code --from}) takes it: ISO-8601 with a zone or
     * offset, a date (midnight UTC), or Unix seconds or milliseconds.
     *
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static Instant time(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                long value = Long.parseLong(text);
                return value >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("too large for a Unix time");
            }
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date (2026-02-04, midnight UTC), an ISO-8601 time with a zone"
                    + " (2026-02-04T12:00:00Z), nor Unix seconds or milliseconds");
        }
    }

    private static Double number(String cell, int line, String column, List<CsvFormatException.Problem> problems) {
        if (cell.isEmpty()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            problems.add(new CsvFormatException.Problem(line, column, cell, "not a number"));
            return null;
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            problems.add(new CsvFormatException.Problem(line, column, cell, "not a finite number"));
            return null;
        }
        if (value <= 0) {
            problems.add(new CsvFormatException.Problem(line, column, cell, (value < 0 ? "negative" : "zero")
                    + " (prices and market caps are positive)"));
            return null;
        }
        return value;
    }
}
