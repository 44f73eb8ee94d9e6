package io.marketsentinel.notify;

import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.notify.email.EmailNotifier;
import io.marketsentinel.notify.email.SmtpSecurity;
import io.marketsentinel.notify.email.SmtpServer;
import io.marketsentinel.testing.RefusingSmtpServer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Channels are independent and a run's deliveries end by its deadline; claimed sends are left to their run. */
class NotificationDispatcherTest {

    private final Clock clock = Clock.systemUTC();

    /** A channel that takes {@code millis} per send and counts them. */
    private static Notifier channel(String name, long millis, AtomicInteger sends) {
        return new Notifier() {
            @Override
            public String channel() {
                return name;
            }

            @Override
            public DeliveryResult deliver(Notification n, Instant deadline) {
                sends.incrementAndGet();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return DeliveryResult.retryable("interrupted");
                }
                return DeliveryResult.delivered("ok");
            }
        };
    }

    private static Outbox outboxFor(String... ids) {
        Outbox outbox = Outbox.empty();
        for (String id : ids) {
            outbox = outbox.add(List.of(Notifications.drawdown(id)));
        }
        return outbox;
    }

    @Test
    void aSlowChannelNeitherHoldsUpAnotherNorTheRunAndItsSendStaysPendingWithTheAttemptCounted() {
        AtomicInteger slackSends = new AtomicInteger();
        AtomicInteger mailSends = new AtomicInteger();
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(channel("slack", 20_000, slackSends),
                channel("email", 10, mailSends)), Duration.ofDays(3650), clock);
        Outbox outbox = outboxFor("a/1/1", "b/1/1");
        long start = System.nanoTime();

        NotificationDispatcher.Dispatch d = dispatcher.dispatch(outbox, null, Instant.now().plusSeconds(2));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(mailSends).hasValue(2);
        assertThat(d.attempts()).extracting(a -> a.channel() + ":" + a.outcome())
                .containsExactly("slack:RETRYABLE", "email:DELIVERED", "email:DELIVERED");
        Notification first = d.outbox().pending().get(0);
        ChannelDelivery slack = first.channels().get("slack");
        assertThat(slack.status()).isEqualTo(ChannelDelivery.Status.PENDING);
        assertThat(slack.attempts()).isEqualTo(1);
        assertThat(slack.lastError()).contains("did not finish within the run's delivery budget");
        assertThat(d.outbox().pending().get(1).channels().get("slack").attempts()).as("not started: untouched").isZero();
    }

    @Test
    void aMailServerAnsweringEachCommandInEightSecondsIsCutOffAtTheBudgetWhileSlackDelivers() {
        try (RefusingSmtpServer slowRelay = new RefusingSmtpServer("250 OK", 8_000)) {
            EmailNotifier mail = new EmailNotifier(new SmtpServer("127.0.0.1", slowRelay.port(),
                    SmtpSecurity.NONE, Optional.empty(), Optional.empty(), Duration.ofSeconds(10)),
                    "market-sentinel@example.com", List.of("ops@example.com"), clock);
            AtomicInteger slackSends = new AtomicInteger();
            NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(channel("slack", 10, slackSends), mail),
                    Duration.ofDays(3650), clock);
            long start = System.nanoTime();

            NotificationDispatcher.Dispatch d = dispatcher.dispatch(outboxFor("a/1/1"), null, Instant.now().plusSeconds(3));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a mail would take over a minute")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(d.attempts()).extracting(a -> a.channel() + ":" + a.outcome())
                    .containsExactly("slack:DELIVERED", "email:RETRYABLE");
            assertThat(d.outbox().pending().get(0).channels().get("email").attempts()).isEqualTo(1);
        }
    }

    @Test
    void sendsClaimedByAnotherRunAreNotSent() {
        AtomicInteger sends = new AtomicInteger();
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(channel("slack", 0, sends)),
                Duration.ofDays(3650), clock);
        Instant now = Instant.now();
        Outbox claimedByOther = outboxFor("a/1/1").claim(now, now.plusSeconds(60)).outbox();

        Outbox.Claimed mine = claimedByOther.claim(now, now.plusSeconds(60));
        assertThat(mine.sends()).as("nothing left to claim").isEmpty();

        NotificationDispatcher.Dispatch d = dispatcher.dispatch(mine.outbox(), mine.sends(), now.plusSeconds(5));
        assertThat(sends).hasValue(0);
        assertThat(d.attempts()).isEmpty();
        assertThat(claimedByOther.claim(now.plusSeconds(61), now.plusSeconds(120)).sends())
                .as("a lapsed claim (its run was killed) can be taken").hasSize(2);
    }
}
