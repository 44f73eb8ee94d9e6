package io.marketsentinel.notify;

import io.marketsentinel.alerting.Notification;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/** A channel for the dispatcher's tests: named, quick, and answering each send as {@code answer} says. */
final class StandInChannels {

    private StandInChannels() {
    }

    static Notifier answering(String name, Function<Notification, DeliveryResult> answer) {
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
            public DeliveryResult deliver(Notification n, Instant deadline) {
                return answer.apply(n);
            }
        };
    }
}
