package io.marketsentinel.replay;

/** A history CSV that cannot be used; the message names the line and the column. Nothing was imported. */
public class CsvFormatException extends RuntimeException {

    public CsvFormatException(String file, int line, String column, String problem) {
        super(file + ":" + line + (column == null ? "" : ", column '" + column + "'") + ": " + problem);
    }
}
