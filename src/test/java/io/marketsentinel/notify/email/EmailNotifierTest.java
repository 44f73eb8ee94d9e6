package io.marketsentinel.notify.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.marketsentinel.notify.Chart;
import io.marketsentinel.notify.Charts;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifications;
import io.marketsentinel.testing.Loopback;
import io.marketsentinel.testing.ScriptedSmtpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The email channel against GreenMail, a real SMTP server on loopback. */
class EmailNotifierTest {

    private static final String USER = "sentinel";
    private static final String PASSWORD = "smtp-pa55word-S3cret";
    private static final List<String> TO = List.of("ops@example.com", "trader@example.com");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-04T12:00:00Z"), ZoneOffset.UTC);

    private GreenMail smtp;
    private int port;

    @BeforeEach
    void start() {
        port = Loopback.freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("sentinel@example.com", USER, PASSWORD);
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private EmailNotifier notifier(SmtpSecurity security, String password) {
        return new EmailNotifier(new SmtpServer("127.0.0.1", port, security, Optional.of(USER), Optional.of(password),
                Duration.ofSeconds(2)), "market-sentinel@example.com", TO, CLOCK);
    }

    @Test
    void sendsSubjectBothBodiesAndAStableMessageIdToEveryRecipient() throws Exception {
        DeliveryResult result = notifier(SmtpSecurity.NONE, PASSWORD)
                .deliver(Notifications.drawdown("market-drawdown/1769990400/1"), null);

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(result.detail()).isEqualTo("sent to 2 recipient(s)");
        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("Crypto market down $468.2B (\u221215.5%) from its 7-day high");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("market-sentinel@example.com");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactlyInAnyOrder("ops@example.com", "trader@example.com");
        assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<market-drawdown.1769990400.1@market-sentinel>");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
        String raw = GreenMailUtil.getWholeMessage(mail);
        assertThat(raw).contains("multipart/alternative").contains("text/plain").contains("text/html");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        String all = bodies(parts);
        assertThat(all).contains("Drop from high: $468.2B").contains("<th align=\"left\">Drop from high</th><td>$468.2B</td>");
    }

    @Test
    void aChartIsAnInlineImageOfTheHtmlPartAndThePlainTextPartIsKept() throws Exception {
        Chart chart = Charts.sample();
        EmailNotifier notifier = notifier(SmtpSecurity.NONE, PASSWORD);

        assertThat(notifier.takesCharts()).isTrue();
        assertThat(notifier.deliver(Notifications.drawdown("market-drawdown/1769990400/1"), chart, null).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);

        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMultipart alternative = (MimeMultipart) smtp.getReceivedMessages()[0].getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).as("the plain-text part is kept").isTrue();
        assertThat(alternative.getBodyPart(0).getContent().toString()).contains("Drop from high: $468.2B");
        MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
        assertThat(related.getContentType()).startsWith("multipart/related");
        assertThat(related.getBodyPart(0).isMimeType("text/html")).isTrue();
        assertThat(related.getBodyPart(0).getContent().toString()).contains("<img src=\"cid:chart@market-sentinel\"");
        MimeBodyPart image = (MimeBodyPart) related.getBodyPart(1);
        assertThat(image.isMimeType("image/png")).isTrue();
        assertThat(image.getContentID()).isEqualTo("<chart@market-sentinel>");
        assertThat(image.getDisposition()).isEqualTo("inline");
        assertThat(image.getInputStream().readAllBytes()).isEqualTo(chart.png());
    }

    @Test
    void theSameNotificationSentTwiceCarriesTheSameMessageId() throws Exception {
        EmailNotifier notifier = notifier(SmtpSecurity.NONE, PASSWORD);
        notifier.deliver(Notifications.drawdown("market-drawdown/7/1"), null);
        notifier.deliver(Notifications.drawdown("market-drawdown/7/1"), null);

        assertThat(smtp.waitForIncomingEmail(5_000, 4)).isTrue();
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(m -> header(m, "Message-ID")).distinct())
                .containsExactly("<market-drawdown.7.1@market-sentinel>");
    }

    @Test
    void aMailServerThatIsDownIsRetryableAndThePasswordStaysHidden() {
        smtp.stop();
        DeliveryResult result = notifier(SmtpSecurity.NONE, PASSWORD).deliver(Notifications.drawdown("market-drawdown/1/2"), null);

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
        assertThat(result.detail()).startsWith("SMTP failure: ").doesNotContain(PASSWORD).doesNotContain(USER);
    }

    @Test
    void refusedCredentialsWaitForTheSecretAndNeitherPasswordNorUserIsShown() {
        String wrong = "wrong-pa55word-S3cret";
        DeliveryResult result = notifier(SmtpSecurity.NONE, wrong).deliver(Notifications.drawdown("market-drawdown/1/3"), null);

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.REFUSED);
        assertThat(result.detail()).startsWith("SMTP reply 535").doesNotContain(wrong).doesNotContain(USER);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void withStartTlsRequiredAServerWithoutItGetsNothingNotEvenTheCredentials() {
        DeliveryResult result = notifier(SmtpSecurity.STARTTLS, PASSWORD).deliver(Notifications.drawdown("market-drawdown/1/4"), null);

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
        assertThat(result.detail()).contains("STARTTLS").doesNotContain(PASSWORD);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRecipientRefusedWith5xxIsPermanentAnd4xxIsRetryable() {
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer("550 5.1.1 <ops@example.com>: no such user");
             ScriptedSmtpServer busy = new ScriptedSmtpServer("451 4.3.0 try again later")) {
            DeliveryResult refused = unauthenticated(refusing.port()).deliver(Notifications.drawdown("market-drawdown/1/5"), null);
            DeliveryResult later = unauthenticated(busy.port()).deliver(Notifications.drawdown("market-drawdown/1/6"), null);

            assertThat(refused.outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
            assertThat(refused.detail()).startsWith("SMTP reply 550");
            assertThat(later.outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
            assertThat(later.detail()).startsWith("SMTP reply 451");
            assertThat(refusing.commands()).anyMatch(c -> c.startsWith("RCPT TO:<ops@example.com>"))
                    .noneMatch(c -> c.startsWith("DATA"));
        }
    }

    @Test
    void aServerEchoingThePasswordWholeOrInPartsNeverPutsItIntoTheDetail() {
        String password = "relay-user:S3cretRelayPass";
        try (ScriptedSmtpServer echoing = new ScriptedSmtpServer("550 5.7.1 relay-user:S3cretRelayPass denied ("
                + "S3cretRelayPass expired)")) {
            DeliveryResult refused = new EmailNotifier(new SmtpServer("127.0.0.1", echoing.port(), SmtpSecurity.NONE,
                    Optional.empty(), Optional.of(password), Duration.ofSeconds(2)), "market-sentinel@example.com", TO, CLOCK)
                    .deliver(Notifications.drawdown("market-drawdown/1/7"), null);

            assertThat(refused.outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
            assertThat(refused.detail()).startsWith("SMTP reply 550").doesNotContain("S3cret").doesNotContain("relay-user")
                    .contains("***");
        }
    }

    private static EmailNotifier unauthenticated(int port) {
        return new EmailNotifier(new SmtpServer("127.0.0.1", port, SmtpSecurity.NONE, Optional.empty(),
                Optional.empty(), Duration.ofSeconds(2)), "market-sentinel@example.com", TO, CLOCK);
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name)[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bodies(MimeMultipart multipart) throws Exception {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            Object content = multipart.getBodyPart(i).getContent();
            out.append(content instanceof MimeMultipart nested ? bodies(nested) : content.toString()).append('\n');
        }
        return out.toString();
    }
}
