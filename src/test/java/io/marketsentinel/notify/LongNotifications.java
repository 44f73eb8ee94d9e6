package io.marketsentinel.notify;

import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Notification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Notifications that test a channel's limits and escaping: twenty coins, a 5,000-character fact, markup in names. */
public final class LongNotifications {

    private LongNotifications() {
    }

    public static Notification twentyCoinsAndAHugeFact() {
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            facts.put("coin" + i, "Coin <" + i + "> *star* _under_ at $" + (1000 + i) + ".00, lowest since 2024-11-06");
        }
        facts.put("note", "x".repeat(5_000));
        return new Notification("coin-low:many/1770206400/1", Instant.parse("2026-02-04T12:00:00Z"), "coin-low", "many",
                DecisionKind.NEW, "Twenty coins <b>at</b> *multi-month* lows & more " + "y".repeat(400),
                "z".repeat(6_000) + " & <tags> *stars*", facts, Map.of("any", ChannelDelivery.pending()));
    }
}
