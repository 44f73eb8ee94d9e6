package io.marketsentinel.notify.email;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifications;
import io.marketsentinel.testing.FakeServers;
import io.quarkus.mailer.Mailer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The email channel against GreenMail, a real SMTP server on loopback. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class EmailNotifierTest {

    @Inject
    Mailer mailer;

    private EmailNotifier notifier;

    @BeforeEach
    void setUp() throws Exception {
        FakeServers.smtp().purgeEmailFromAllMailboxes();
        notifier = new EmailNotifier(mailer, List.of("ops@example.com", "trader@example.com"),
                Optional.of("market-sentinel@example.com"), List.of(FakeServers.SMTP_PASSWORD));
    }

    @Test
    void sendsSubjectBothBodiesAndAStableMessageIdToEveryRecipient() throws Exception {
        DeliveryResult result = notifier.deliver(Notifications.drawdown("market-drawdown/1769990400/1"));

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(FakeServers.smtp().waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage[] received = FakeServers.smtp().getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("Crypto market down $468.2B (\u221215.5%) from its 7-day high");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactlyInAnyOrder("ops@example.com", "trader@example.com");
        assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<market-drawdown.1769990400.1@market-sentinel>");
        String raw = GreenMailUtil.getWholeMessage(mail);
        assertThat(raw).contains("text/plain").contains("text/html");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        String all = bodies(parts);
        assertThat(all).contains("Drop from high: $468.2B").contains("<th align=\"left\">Drop from high</th><td>$468.2B</td>");
    }

    @Test
    void aMailServerThatIsDownIsRetryableAndThePasswordStaysHidden() {
        FakeServers.stopSmtp();
        try {
            DeliveryResult result = notifier.deliver(Notifications.drawdown("market-drawdown/1/2"));
            assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
            assertThat(result.detail()).startsWith("SMTP").doesNotContain(FakeServers.SMTP_PASSWORD);
        } finally {
            FakeServers.startSmtp();
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
