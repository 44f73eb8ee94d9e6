package io.marketsentinel.notify;

import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.notify.email.EmailNotifier;
import io.marketsentinel.notify.email.SmtpSecurity;
import io.marketsentinel.notify.email.SmtpServer;
import io.marketsentinel.testing.ScriptedSmtpServer;
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

    /** A channel that takes {@code millis} per send and counts them; it says a send takes at most {@code worstCase}. */
    private static Notifier channel(String name, long millis, AtomicInteger sends) {
        return channel(name, millis, Duration.ofMillis(millis), sends);
    }

    private static Notifier channel(String name, long millis, Duration worstCase, AtomicInteger sends) {
        return new Notifier() {
            @Override
            public String channel() {
                return name;
            }

            @Override
            public Duration worstCase() {
                return worstCase;
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

    /** A channel that takes charts and records what it was given for each send. */
    private static Notifier picturing(String name, List<String> given) {
        return new Notifier() {
            @Override
            public String channel() {
                return name;
            }

            @Override
            public Duration worstCase() {
                return Duration.ofSeconds(1);
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
                given.add(n.id() + ":" + (chart == null ? "text" : chart.fileName()));
                return DeliveryResult.delivered("ok");
            }
        };
    }

    @Test
    void aChartIsDrawnOnceForEveryChannelThatTakesOneAndNotForTheOthers() {
        List<String> mail = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> telegram = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger slackSends = new AtomicInteger();
        AtomicInteger drawn = new AtomicInteger();
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(picturing("email", mail),
                picturing("telegram", telegram), channel("slack", 1, slackSends)), Duration.ofDays(3650), clock);
        Outbox outbox = Outbox.empty().add(List.of(Notifications.drawdown("a/1/1").withChannel("telegram",
                ChannelDelivery.pending()).withChannel("slack", ChannelDelivery.pending())));

        NotificationDispatcher.Dispatch d = dispatcher.dispatch(outbox, null, Instant.now().plusSeconds(30), n -> {
            drawn.incrementAndGet();
            return Optional.of(new Chart("market-drawdown.png", new byte[2048]));
        });

        assertThat(drawn).as("drawn once, shared by both channels").hasValue(1);
        assertThat(mail).containsExactly("a/1/1:market-drawdown.png");
        assertThat(telegram).containsExactly("a/1/1:market-drawdown.png");
        assertThat(slackSends).hasValue(1);
        assertThat(d.attempts()).extracting(a -> a.channel() + ":" + a.chart()).containsExactlyInAnyOrder(
                "email:attached market-drawdown.png (2 KB)", "telegram:attached market-drawdown.png (2 KB)", "slack:null");
    }

    @Test
    void aChartThatCannotBeDrawnLeavesTheTextToGoAloneAndTheReportSaysWhy() {
        List<String> mail = new java.util.concurrent.CopyOnWriteArrayList<>();
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(picturing("email", mail)),
                Duration.ofDays(3650), clock);

        NotificationDispatcher.Dispatch d = dispatcher.dispatch(outboxFor("a/1/1"), null, Instant.now().plusSeconds(30),
                n -> {
                    // What a runtime without fonts throws on the first text drawn: an Error, not an Exception.
                    throw new Error("Probably fatal error:No fonts found.");
                });

        assertThat(mail).containsExactly("a/1/1:text");
        assertThat(d.attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
            assertThat(a.chart()).isEqualTo("not drawn (Error: Probably fatal error:No fonts found.): text only");
        });
        assertThat(d.outbox().pendingOn("email")).as("delivered: nothing left pending for mail").isEmpty();
    }

    @Test
    void aSendTheBudgetCannotCoverIsNotStartedAndStaysPendingUntouchedWhileAnotherChannelSends() {
        AtomicInteger slackSends = new AtomicInteger();
        AtomicInteger mailSends = new AtomicInteger();
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(channel("slack", 20_000, slackSends),
                channel("email", 10, mailSends)), Duration.ofDays(3650), clock);
        long start = System.nanoTime();

        NotificationDispatcher.Dispatch d = dispatcher.dispatch(outboxFor("a/1/1", "b/1/1"), null,
                Instant.now().plusSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("nothing waited for the slow channel")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(slackSends).as("a 20 s send never starts with 5 s left").hasValue(0);
        assertThat(mailSends).hasValue(2);
        assertThat(d.attempts()).extracting(a -> a.channel() + ":" + a.outcome())
                .containsExactly("slack:NOT_STARTED", "email:DELIVERED", "email:DELIVERED");
        assertThat(d.attempts().get(0).detail()).contains("not started").contains("pending for the next run");
        assertThat(d.outbox().pending()).hasSize(2).allSatisfy(n -> {
            ChannelDelivery slack = n.channels().get("slack");
            assertThat(slack.status()).isEqualTo(ChannelDelivery.Status.PENDING);
            assertThat(slack.attempts()).as("untouched").isZero();
            assertThat(slack.lastError()).isNull();
        });
    }

    @Test
    void aChannelOverrunningItsOwnWorstCaseIsLeftAtTheDeadlineWithItsOutcomeUnknown() {
        AtomicInteger slackSends = new AtomicInteger();
        // Says a send takes at most a second, then takes twenty: a bug the run must survive.
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(channel("slack", 20_000,
                Duration.ofSeconds(1), slackSends)), Duration.ofDays(3650), clock);
        long start = System.nanoTime();

        NotificationDispatcher.Dispatch d = dispatcher.dispatch(outboxFor("a/1/1"), null, Instant.now().plusSeconds(2));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("back soon after the deadline, not after 20 s")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(d.attempts()).extracting(a -> a.channel() + ":" + a.outcome()).containsExactly("slack:UNKNOWN");
        ChannelDelivery slack = d.outbox().pending().get(0).channels().get("slack");
        assertThat(slack.outcomeUnknown()).isTrue();
        assertThat(slack.attempts()).isEqualTo(1);
        assertThat(slack.lastError()).startsWith("outcome unknown").contains("did not finish within the run's delivery budget");
    }

    private EmailNotifier mailTo(ScriptedSmtpServer relay, Duration timeout) {
        return new EmailNotifier(new SmtpServer("127.0.0.1", relay.port(), SmtpSecurity.NONE, Optional.empty(),
                Optional.empty(), timeout), "market-sentinel@example.com", List.of("ops@example.com"), clock);
    }

    @Test
    void aMailRelayAnsweringEachCommandSlowlyIsCutAtTheMailTimeoutBeforeTheMessageAndTriedAgainLater() {
        // Each reply takes a second; the whole send may take 2.5 s: it is cut while MAIL FROM waits its answer.
        try (ScriptedSmtpServer slowRelay = new ScriptedSmtpServer(1_000, 0, 0)) {
            AtomicInteger slackSends = new AtomicInteger();
            NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(channel("slack", 10, slackSends),
                    mailTo(slowRelay, Duration.ofMillis(2_500))), Duration.ofDays(3650), clock);
            long start = System.nanoTime();

            NotificationDispatcher.Dispatch d = dispatcher.dispatch(outboxFor("a/1/1"), null, Instant.now().plusSeconds(30));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("one whole send is bounded by the mail timeout")
                    .isLessThan(Duration.ofSeconds(15));
            assertThat(d.attempts()).extracting(a -> a.channel() + ":" + a.outcome())
                    .containsExactly("slack:DELIVERED", "email:RETRYABLE");
            assertThat(d.attempts().get(1).detail()).contains("before the message was complete");
            assertThat(slowRelay.dataMessageIds()).as("no message data reached the relay").isEmpty();
        }
    }

    @Test
    void aSlowRelayGetsEachAlertAtMostOnceOverThreeRunsAndTheGoodbyeIsNotWaitedFor() {
        // Every reply takes half a second (six of them up to the answer to the message data), QUIT's answer 30 s.
        try (ScriptedSmtpServer slowRelay = new ScriptedSmtpServer(500, 0, 30_000)) {
            NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(mailTo(slowRelay, Duration.ofSeconds(9))),
                    Duration.ofDays(3650), clock);
            Outbox outbox = outboxFor("a/1/1");
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                outbox = dispatcher.dispatch(outbox, null, Instant.now().plusSeconds(12)).outbox();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("run %d answered before its deadline", run)
                        .isLessThan(Duration.ofSeconds(12));
            }

            assertThat(outbox.pending().get(0).channels().get("email").status()).as("delivered in the first run")
                    .isEqualTo(ChannelDelivery.Status.DELIVERED);
            assertThat(outbox.pending().get(0).channels().get("email").attempts()).isEqualTo(1);
            assertThat(slowRelay.receivedMessageIds()).as("the recipient's mails").hasSize(1);
        }
    }

    @Test
    void aMailWhoseAnswerNeverComesInTimeIsOutcomeUnknownAndRetriedWithTheSameMessageId() {
        // The relay takes the message, then sits on its answer for 20 s: the send is cut while it waits.
        try (ScriptedSmtpServer sitting = new ScriptedSmtpServer(0, 20_000, 0)) {
            NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(mailTo(sitting, Duration.ofSeconds(2))),
                    Duration.ofDays(3650), clock);
            Outbox outbox = outboxFor("a/1/1");

            NotificationDispatcher.Dispatch first = dispatcher.dispatch(outbox, null, Instant.now().plusSeconds(10));
            NotificationDispatcher.Dispatch second = dispatcher.dispatch(first.outbox(), null, Instant.now().plusSeconds(10));

            assertThat(first.attempts()).extracting(a -> a.channel() + ":" + a.outcome()).containsExactly("email:UNKNOWN");
            assertThat(first.outbox().pending().get(0).channels().get("email").outcomeUnknown()).isTrue();
            assertThat(second.attempts()).extracting(a -> a.channel() + ":" + a.outcome()).containsExactly("email:UNKNOWN");
            assertThat(sitting.dataMessageIds()).as("sent again with the same Message-ID").hasSize(2)
                    .containsOnly(sitting.dataMessageIds().get(0));
            assertThat(sitting.receivedMessageIds()).as("no answer was ever read: nothing counted as sent").isEmpty();
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
