package io.marketsentinel.notify.email;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifier;
import io.marketsentinel.http.Secrets;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a notification as a mail over SMTP with Jakarta Mail: Amazon SES's SMTP interface
 * (STARTTLS on 587) or any mail server. The mail session is set up when the primer (or the first
 * mail) needs it.
 * A server that cannot be reached, or that answers 4xx, is retryable; a 5xx reply (recipient
 * refused, authentication refused) is permanent. The password never appears in what it reports.
 */
public final class EmailNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(EmailNotifier.class);
    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)\\b");

    private final SmtpServer server;
    private final String from;
    private final List<String> to;
    private final Clock clock;
    private final List<String> secrets;
    private Session session;

    public EmailNotifier(SmtpServer server, String from, List<String> to, Clock clock) {
        this.server = server;
        this.from = from;
        this.to = List.copyOf(to);
        this.clock = clock;
        this.secrets = server.secrets();
    }

    @Override
    public String channel() {
        return "email";
    }

    @Override
    public DeliveryResult deliver(Notification n, Instant deadline) {
        MimeMessage message;
        Transport transport;
        try {
            message = message(n);
            transport = session(deadline).getTransport(server.protocol());
        } catch (MessagingException e) {
            return classify(e);
        }
        try {
            transport.connect(server.host(), server.port(), server.username().orElse(null), server.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            return classify(e);
        } finally {
            close(transport);
        }
        return DeliveryResult.delivered("sent to " + to.size() + " recipient(s)");
    }

    /** Builds the session and a whole message for {@code sample}; connects to nothing. */
    @Override
    public void prime(Notification sample, java.net.URI loopbackStub) {
        try {
            message(sample).writeTo(java.io.OutputStream.nullOutputStream());
        } catch (MessagingException | java.io.IOException e) {
            LOG.warnf("event=prime_skipped channel=email reason=\"%s\"", Secrets.scrub(describe(e), secrets));
        }
    }

    private MimeMessage message(Notification n) throws MessagingException {
        MimeMessage message = new StableIdMessage(session(), EmailMessage.messageId(n));
        message.setFrom(new InternetAddress(from, true));
        InternetAddress[] recipients = new InternetAddress[to.size()];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = new InternetAddress(to.get(i), true);
        }
        message.setRecipients(Message.RecipientType.TO, recipients);
        message.setSubject(EmailMessage.subject(n), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(EmailMessage.text(n), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(EmailMessage.html(n), "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }

    /** The session, its timeouts no longer than what is left before {@code deadline}. */
    private Session session(Instant deadline) {
        Duration limit = deadline == null ? server.timeout() : Duration.between(clock.instant(), deadline);
        return limit.compareTo(server.timeout()) < 0
                ? Session.getInstance(server.sessionProperties(limit)) : session();
    }

    private synchronized Session session() {
        if (session == null) {
            session = Session.getInstance(server.sessionProperties());
        }
        return session;
    }

    /** Once the server has accepted the message, a failure to say goodbye changes nothing. */
    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debugf("SMTP connection not closed cleanly: %s", e.getClass().getSimpleName());
        }
    }

    private DeliveryResult classify(MessagingException e) {
        int reply = replyCode(e);
        String detail = "SMTP " + (reply > 0 ? "reply " + reply : "failure") + ": "
                + Secrets.scrub(describe(e), secrets);
        if (reply >= 500 || e instanceof AddressException) {
            return DeliveryResult.permanent(detail);
        }
        return DeliveryResult.retryable(detail);
    }

    /** The server's reply code, from the first exception in the chain that carries one; 0 if none does. */
    static int replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof AuthenticationFailedException && x.getMessage() != null) {
                // Angus puts the server's reply ("535 5.7.8 Authentication credentials invalid") in the message.
                Matcher m = REPLY_CODE.matcher(x.getMessage());
                return m.find() ? Integer.parseInt(m.group(1)) : 535;
            }
        }
        return 0;
    }

    private static String describe(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().strip();
            }
        }
        return e.getClass().getSimpleName();
    }

    /**
     * Keeps the Message-ID Jakarta Mail would otherwise replace on every save: the same notification
     * sent again after a crash carries the same id, so mail clients can tell it is the same message.
     */
    private static final class StableIdMessage extends MimeMessage {
        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
