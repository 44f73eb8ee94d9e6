package io.marketsentinel.notify.email;

/** How the mail channel secures its SMTP conversation, with each mode's usual port. */
public enum SmtpSecurity {
    /** Plain connection upgraded by STARTTLS, which is required (port 587). */
    STARTTLS(587),
    /** TLS from the first byte, "smtps" (port 465). */
    TLS(465),
    /** No transport security, for a relay on the same host or network (port 25). */
    NONE(25);

    private final int defaultPort;

    SmtpSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
