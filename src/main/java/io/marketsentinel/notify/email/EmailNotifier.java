package io.marketsentinel.notify.email;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifier;
import io.marketsentinel.notify.Secrets;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

import java.util.List;
import java.util.Optional;

/**
 * Sends a notification by SMTP through Quarkus' mailer ({@code quarkus.mailer.*}), so Amazon SES's
 * SMTP interface (STARTTLS on 587) or any mail server works. A server that is down, or answers
 * with a 4xx reply, is retryable; a 5xx reply (bad recipient, authentication refused) is
 * permanent. The SMTP password never appears in what it reports.
 */
public final class EmailNotifier implements Notifier {

    private final Mailer mailer;
    private final List<String> to;
    private final Optional<String> from;
    private final List<String> secrets;

    public EmailNotifier(Mailer mailer, List<String> to, Optional<String> from, List<String> secrets) {
        this.mailer = mailer;
        this.to = List.copyOf(to);
        this.from = from;
        this.secrets = List.copyOf(secrets);
    }

    @Override
    public String channel() {
        return "email";
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        Mail mail = new Mail()
                .setTo(to)
                .setSubject(EmailMessage.subject(n))
                .setText(EmailMessage.text(n))
                .setHtml(EmailMessage.html(n))
                .addHeader("Message-ID", EmailMessage.messageId(n));
        from.ifPresent(mail::setFrom);
        try {
            mailer.send(mail);
            return DeliveryResult.delivered("sent to " + to.size() + " recipient(s)");
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    private DeliveryResult classify(RuntimeException e) {
        Integer reply = null;
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (message == null && t.getMessage() != null) {
                message = t.getMessage();
            }
            if (t instanceof io.vertx.ext.mail.SMTPException smtp) {
                reply = smtp.getReplyCode();
                message = smtp.getMessage();
                break;
            }
        }
        String detail = "SMTP " + (reply == null ? "failure" : "reply " + reply) + ": "
                + Secrets.scrub(message == null ? e.getClass().getSimpleName() : message, secrets);
        if (reply != null && reply >= 500) {
            return DeliveryResult.permanent(detail);
        }
        return DeliveryResult.retryable(detail);
    }
}
