package io.marketsentinel.check;

/** A silence asked for with a field that cannot be taken: its message starts with the field's name. */
public final class BadSilenceException extends RuntimeException {

    private final String field;

    public BadSilenceException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
