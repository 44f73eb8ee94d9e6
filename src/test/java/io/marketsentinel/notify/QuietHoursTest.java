package io.marketsentinel.notify;

import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.testing.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quiet hours: a channel's night kept quiet, what waited sent as one message after, and the wait not held against it. */
class QuietHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final QuietHours NIGHT = QuietHours.parse("22:00-07:00", BERLIN);

    @Test
    void theHoursRunAcrossMidnightInTheirZone() {
        assertThat(NIGHT.contains(Instant.parse("2026-02-04T21:30:00Z"))).as("22:30 in Berlin").isTrue();
        assertThat(NIGHT.contains(Instant.parse("2026-02-05T05:59:00Z"))).as("06:59").isTrue();
        assertThat(NIGHT.contains(Instant.parse("2026-02-05T06:00:00Z"))).as("07:00").isFalse();
        assertThat(NIGHT.contains(Instant.parse("2026-02-04T12:00:00Z"))).isFalse();
        assertThat(NIGHT.overlap(Instant.parse("2026-02-04T12:00:00Z"), Instant.parse("2026-02-05T12:00:00Z")))
                .isEqualTo(Duration.ofHours(9));
        assertThat(QuietHours.parse("09:00-17:30", ZoneId.of("UTC")).contains(Instant.parse("2026-02-04T17:00:00Z"))).isTrue();
        assertThatThrownBy(() -> QuietHours.parse("22-07", BERLIN)).hasMessageContaining("HH:MM-HH:MM");
        assertThatThrownBy(() -> QuietHours.parse("25:00-07:00", BERLIN)).hasMessageContaining("HH:MM-HH:MM");
    }

    /** A channel that records every message it is given. */
    private static Notifier recording(String name, List<Notification> got) {
        return StandInChannels.answering(name, n -> {
            got.add(n);
            return DeliveryResult.delivered("ok");
        });
    }

    private static Notification alert(String id, Instant at, String headline) {
        return new Notification(id, at, "coin-low", "bitcoin", DecisionKind.NEW, headline, headline, Map.of(),
                Map.of("slack", ChannelDelivery.pending(), "email", ChannelDelivery.pending()));
    }

    @Test
    void duringThemTheChannelWaitsAndAfterThemWhatWaitedGoesAsOneMessageNewestFirstWhileOtherChannelsGoOn() {
        SettableClock clock = new SettableClock(Instant.parse("2026-02-04T23:00:00Z")); // midnight in Berlin
        List<Notification> slack = new CopyOnWriteArrayList<>();
        List<Notification> mail = new CopyOnWriteArrayList<>();
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(recording("slack", slack), recording("email", mail)),
                Map.of("slack", new ChannelRoute(Optional.empty(), Optional.empty(), Optional.of(NIGHT))),
                Duration.ofHours(24), clock);
        Outbox outbox = Outbox.empty().add(List.of(alert("a/1/1", clock.instant(), "Bitcoin lowest since May")));
        clock.set(Instant.parse("2026-02-05T02:00:00Z"));
        outbox = outbox.add(List.of(alert("b/1/1", clock.instant(), "Bitcoin lowest since March")));

        NotificationDispatcher.Dispatch night = dispatcher.dispatch(outbox, null, clock.instant().plusSeconds(30));

        assertThat(slack).as("quiet").isEmpty();
        assertThat(mail).extracting(Notification::id).containsExactly("a/1/1", "b/1/1");
        assertThat(night.attempts()).filteredOn(a -> a.channel().equals("slack")).singleElement()
                .satisfies(a -> assertThat(a.detail()).startsWith("quiet hours (22:00-07:00 Europe/Berlin): 2 waiting"));
        assertThat(night.outbox().pendingOn("slack")).hasSize(2);

        clock.set(Instant.parse("2026-02-05T06:15:00Z")); // 07:15 in Berlin
        NotificationDispatcher.Dispatch morning = dispatcher.dispatch(night.outbox(), null, clock.instant().plusSeconds(30));

        assertThat(slack).singleElement().satisfies(n -> {
            assertThat(n.headline()).isEqualTo("While you were away: 2 alerts, the newest: Bitcoin lowest since March");
            assertThat(n.text().indexOf("March")).as("newest first").isLessThan(n.text().indexOf("May"));
        });
        assertThat(morning.outbox().pendingOn("slack")).as("both delivered by the one message").isEmpty();
        List<String> lines = new ArrayList<>();
        morning.attempts().forEach(a -> lines.add(a.notificationId() + " " + a.channel() + " " + a.outcome()));
        assertThat(lines).containsExactly("a/1/1 slack DELIVERED", "b/1/1 slack DELIVERED");

        dispatcher.dispatch(morning.outbox(), null, clock.instant().plusSeconds(30));
        assertThat(slack).as("nothing twice").hasSize(1);
    }

    @Test
    void theDeadLetterLimitDoesNotCountQuietTime() {
        SettableClock clock = new SettableClock(Instant.parse("2026-02-04T12:00:00Z"));
        Notifier down = StandInChannels.answering("slack", n -> DeliveryResult.retryable("Slack webhook unreachable"));
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(down),
                Map.of("slack", new ChannelRoute(Optional.empty(), Optional.empty(), Optional.of(NIGHT))),
                Duration.ofHours(20), clock);
        Outbox outbox = Outbox.empty().add(List.of(new Notification("a/1/1", clock.instant(), "coin-low", "bitcoin",
                DecisionKind.NEW, "h", "t", Map.of(), Map.of("slack", ChannelDelivery.pending()))));

        // 22 h later, 9 of them quiet: 13 h of trying, under the 20 h limit.
        clock.set(Instant.parse("2026-02-05T10:00:00Z"));
        Outbox after = dispatcher.dispatch(outbox, null, clock.instant().plusSeconds(30)).outbox();
        assertThat(after.deadLetters()).isEmpty();
        assertThat(after.pendingOn("slack")).hasSize(1);

        // 30 h later, 9 quiet: 21 h of trying, over it.
        clock.set(Instant.parse("2026-02-05T18:00:00Z"));
        assertThat(dispatcher.dispatch(after, null, clock.instant().plusSeconds(30)).outbox().deadLetters()).hasSize(1);
    }
}
