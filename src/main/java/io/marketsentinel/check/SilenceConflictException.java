package io.marketsentinel.check;

/**
 * A silence that cannot be made or ended as asked: too many active ({@link Reason#LIMIT}, HTTP 409) or no
 * such silence ({@link Reason#UNKNOWN}, HTTP 404).
 */
public final class SilenceConflictException extends RuntimeException {

    public enum Reason { LIMIT, UNKNOWN }

    private final Reason reason;

    public SilenceConflictException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
