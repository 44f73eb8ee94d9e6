package io.marketsentinel.notify.email;


import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Where and how mail is handed over: the SMTP server, its port, the transport security and the
 * credentials. The password is a secret: it is only ever given to the server.
 */
public record SmtpServer(String host, int port, SmtpSecurity security, Optional<String> username,
                         Optional<String> password, Duration timeout) {

    /** Jakarta Mail's name for the transport: "smtps" speaks TLS from the first byte. */
    String protocol() {
        return security == SmtpSecurity.TLS ? "smtps" : "smtp";
    }

    /** The Jakarta Mail session properties for this server. */
    Properties sessionProperties() {
        return sessionProperties(timeout);
    }

    /** The same, each read, write and connect bounded by {@code limit} (a run's deadline closer than the timeout). */
    Properties sessionProperties(Duration limit) {
        String prefix = "mail." + protocol() + ".";
        String millis = Long.toString(Math.max(1, limit.toMillis()));
        Properties p = new Properties();
        p.setProperty(prefix + "connectiontimeout", millis);
        p.setProperty(prefix + "timeout", millis);
        p.setProperty(prefix + "writetimeout", millis);
        p.setProperty(prefix + "auth", Boolean.toString(username.isPresent()));
        if (security == SmtpSecurity.STARTTLS) {
            // Required, not merely enabled: credentials and alerts never cross the network in clear
            // because a server (or someone between) left STARTTLS out.
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (security != SmtpSecurity.NONE) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return p;
    }

    /** What must never appear in a delivery's detail: the password, and the user name with it. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        password.ifPresent(secrets::add);
        username.ifPresent(secrets::add);
        return secrets;
    }

    @Override
    public String toString() {
        return "SmtpServer[" + host + ":" + port + ", " + security.name().toLowerCase() + ", user "
                + (username.isPresent() ? "set" : "none") + "]";
    }
}
