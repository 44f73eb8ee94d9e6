package io.marketsentinel.notify.email;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.Chart;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifier;
import io.marketsentinel.http.HttpAnswers;
import io.marketsentinel.http.Secrets;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
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

    /** One whole send, connect to the server's answer to the message data, is bounded by the SMTP timeout. */
    @Override
    public Duration worstCase() {
        return server.timeout();
    }

    @Override
    public boolean takesCharts() {
        return true;
    }

    @Override
    public DeliveryResult deliver(Notification n, Instant deadline) {
        return deliver(n, null, deadline);
    }

    @Override
    public DeliveryResult deliver(Notification n, Chart chart, Instant deadline) {
        SmtpConversation conversation = new SmtpConversation(server,
                HttpAnswers.limit(server.timeout(), clock.instant(), deadline));
        try {
            Session session = conversation.session();
            MimeMessage message = message(session, n, chart);
            conversation.send(session, message);
        } catch (MessagingException e) {
            return switch (conversation.cut()) {
                case NONE -> classify(e);
                case BEFORE_DATA -> DeliveryResult.retryable("SMTP send cut after " + conversation.limit().toMillis()
                        + " ms, before the message was complete (nothing delivered)");
                // The same Message-ID goes out again: mail clients show the two as one message.
                case AWAITING_ANSWER -> DeliveryResult.unknown("SMTP server did not answer the message within "
                        + conversation.limit().toMillis() + " ms");
            };
        }
        return DeliveryResult.delivered("sent to " + to.size() + " recipient(s)");
    }

    /** Builds the session and a whole message for {@code sample}; connects to nothing. */
    @Override
    public void prime(Notification sample, java.net.URI loopbackStub) {
        try {
            message(session(), sample, null).writeTo(java.io.OutputStream.nullOutputStream());
        } catch (MessagingException | java.io.IOException e) {
            LOG.warnf("event=prime_skipped channel=email reason=\"%s\"", Secrets.scrub(describe(e), secrets));
        }
    }

    /**
     * The plain text and the HTML as alternatives; with a chart, the HTML and the image as one related
     * part (the image shown inline, {@code cid:}), so a client that shows only text still has all of it.
     */
    private MimeMessage message(Session session, Notification n, Chart chart) throws MessagingException {
        MimeMessage message = new StableIdMessage(session, EmailMessage.messageId(n));
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
        html.setText(EmailMessage.html(n, chart == null ? null : EmailMessage.CHART_CID), "UTF-8", "html");
        if (chart == null) {
            message.setContent(new MimeMultipart("alternative", text, html));
        } else {
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(chart.png(), "image/png")));
            image.setContentID("<" + EmailMessage.CHART_CID + ">");
            image.setDisposition(Part.INLINE);
            image.setFileName(chart.fileName());
            MimeBodyPart related = new MimeBodyPart();
            related.setContent(new MimeMultipart("related", html, image));
            message.setContent(new MimeMultipart("alternative", text, related));
        }
        message.saveChanges();
        return message;
    }

    /** The session of priming: a whole message rendered once at init (each send has a session of its own). */
    private synchronized Session session() {
        if (session == null) {
            session = Session.getInstance(server.sessionProperties());
        }
        return session;
    }

    private DeliveryResult classify(MessagingException e) {
        int reply = replyCode(e);
        // The server's own words where it gave some (they may echo the user or password: scrubbed).
        String detail = "SMTP " + (reply > 0 ? "reply " + reply : "failure") + ": "
                + Secrets.scrub(serverReply(e).orElseGet(() -> describe(e)), secrets);
        if (reply == 534 || reply == 535 || e instanceof AuthenticationFailedException) {
            return DeliveryResult.credentialsRefused(detail);
        }
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

    /** The reply text of the first exception in the chain that carries the server's reply. */
    private static Optional<String> serverReply(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if ((x instanceof SMTPSendFailedException || x instanceof SMTPAddressFailedException
                    || x instanceof SMTPSenderFailedException) && x.getMessage() != null && !x.getMessage().isBlank()) {
                return Optional.of(x.getMessage().strip());
            }
        }
        return Optional.empty();
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
