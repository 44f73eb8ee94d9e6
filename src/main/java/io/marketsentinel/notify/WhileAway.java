package io.marketsentinel.notify;

import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.rules.Format;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What waited through a channel's quiet hours, as the one message sent when they end. */
final class WhileAway {

    static final String ID_PREFIX = "while-away/";

    private WhileAway() {
    }

    /**
     * The message: "While you were away: N alerts", then each one, newest first, with its time. Its id is
     * the same for every attempt after the same quiet hours, so a retry is recognisably the same message.
     */
    static Notification message(String channel, List<Notification> away, Optional<QuietHours> quiet, Instant now) {
        List<Notification> newestFirst = new ArrayList<>(away);
        Collections.reverse(newestFirst);
        StringBuilder text = new StringBuilder(quiet.map(q -> "During the quiet hours (" + q + "):")
                .orElse("During the quiet hours:"));
        Map<String, String> facts = new LinkedHashMap<>();
        for (Notification n : newestFirst) {
            text.append("\n\u2022 ").append(Format.time(n.createdAt())).append("  ").append(n.kind()).append("  ")
                    .append(n.headline());
            facts.put(Format.time(n.createdAt()) + " " + n.kind().name().toLowerCase(java.util.Locale.ROOT), n.headline());
        }
        // The same id for every attempt at the same group: when the first of it was held (or the quiet hours ended).
        Instant since = away.stream().map(n -> n.channels().get(channel).heldSince()).filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElseGet(() -> quiet.flatMap(q -> q.lastPeriodBefore(now)).map(p -> p[1]).orElse(now));
        Map<String, ChannelDelivery> to = Map.of(channel, ChannelDelivery.pending());
        return new Notification(ID_PREFIX + channel + "/" + since.getEpochSecond(), now, "while-away", null,
                DecisionKind.NEW, "While you were away: " + away.size() + " alerts, the newest: " + newestFirst.get(0).headline(),
                text.toString(), facts, to);
    }
}
