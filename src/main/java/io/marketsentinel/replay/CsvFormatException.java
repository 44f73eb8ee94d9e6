package io.marketsentinel.replay;

import java.util.List;

/**
 * A history CSV that cannot be used: every problem found (up to a limit), each naming its line,
 * column, value and why. Nothing was done with the file.
 */
public class CsvFormatException extends RuntimeException {

    /** One bad cell or row. */
    public record Problem(int line, String column, String value, String why) {
        @Override
        public String toString() {
            return "line " + line + (column == null ? "" : ", column '" + column + "'")
                    + (value == null ? "" : ", value '" + value + "'") + ": " + why;
        }
    }

    private final List<Problem> problems;

    public CsvFormatException(String file, int line, String column, String problem) {
        this(file, List.of(new Problem(line, column, null, problem)), 0);
    }

    public CsvFormatException(String file, List<Problem> problems, int more) {
        super(message(file, problems, more));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(String file, List<Problem> problems, int more) {
        if (problems.size() == 1 && more == 0) {
            return file + ": " + problems.get(0);
        }
        StringBuilder out = new StringBuilder(file).append(": ").append(problems.size() + more).append(" problems");
        problems.forEach(p -> out.append("\n  ").append(p));
        if (more > 0) {
            out.append("\n  … and ").append(more).append(" more");
        }
        return out.toString();
    }
}
