package io.marketsentinel.notify;

import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Notification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A realistic notification for the channel tests. */
public final class Notifications {

    private Notifications() {
    }

    public static Notification drawdown(String id) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("totalMarketCap", "$2,546.5B");
        facts.put("at", "2026-02-04 12:00 UTC");
        facts.put("drop", "$468.2B");
        facts.put("dropPercent", "15.5%");
        facts.put("windowHigh", "$3,014.7B");
        facts.put("windowHighAt", "2026-01-29 08:00 UTC");
        facts.put("changeSinceWindowStart", "\u2212$467.6B (\u221215.5%)");
        facts.put("threshold", "15.0% from the 7-day high, held for 15m");
        Map<String, ChannelDelivery> channels = new LinkedHashMap<>();
        channels.put("slack", ChannelDelivery.pending());
        channels.put("email", ChannelDelivery.pending());
        return new Notification(id, Instant.parse("2026-02-04T12:00:00Z"), "market-drawdown", null, DecisionKind.NEW,
                "Crypto market down $468.2B (\u221215.5%) from its 7-day high",
                "Total crypto market cap is $2,546.5B at 2026-02-04 12:00 UTC, $468.2B (15.5%) below its 7-day high "
                        + "of $3,014.7B at 2026-01-29 08:00 UTC.", facts, channels);
    }
}
