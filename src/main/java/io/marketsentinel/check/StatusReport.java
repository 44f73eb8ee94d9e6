package io.marketsentinel.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.Episode;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.store.Stored;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of every alert and the last stored report, as {@code GET /status} answers and the
 * {@code status} command prints it; read from the store alone (no CoinGecko call).
 *
 * @param store             where the state is kept
 * @param version           the stored version (0 when nothing is stored yet)
 * @param stateSizeBytes    the stored state's size
 * @param lastRunAt         when the last stored check ran, or {@code null}
 * @param lastRunLate       whether that is late: longer ago than twice the schedule's interval (a dead man's
 *                          switch: the watcher has stopped, or fails every run)
 * @param expectedEvery     the schedule's interval the lateness is judged by ({@code sentinel.run.every}), ISO-8601
 * @param alerts            each episode: firing (notified) or pending (waiting for its confirmation)
 * @param pendingPerChannel notifications each configured channel still has to deliver (and any channel no longer
 *                          configured that something still waits for: dead-lettered after the usual limit)
 * @param channels          the channels configured now
 * @param deadLetters       notifications given up on (kept in the state, newest last)
 * @param outcomeUnknown    sends cut after the channel may have taken them ("notification-id → channel"),
 *                          to be sent again with the channel's idempotency means
 * @param lastReport        the last stored check's report, as stored
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusReport(String store, long version, int stateSizeBytes, Instant lastRunAt, boolean lastRunLate,
                           String expectedEvery, List<Alert> alerts,
                           Map<String, Integer> pendingPerChannel, Set<String> channels, int deadLetters,
                           List<String> outcomeUnknown,
                           @JsonRawValue String lastReport) {

    /** One episode: its key (rule and subject), firing or pending, since when, and what was last said. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Alert(String key, String state, Instant since, String headline, Instant lastNotifiedAt) {

        static Alert of(Episode e) {
            return new Alert(e.key(), e.firing() ? "firing" : "pending", e.firing() ? e.firingSince() : e.pendingSince(),
                    e.alerted() == null ? null : e.alerted().headline(), e.alerted() == null ? null : e.lastNotifiedAt());
        }
    }

    /**
     * Reads the stored state; {@code channels} are the configured ones, to count what each still owes; the
     * last check is late when it is more than twice {@code every} before {@code now}.
     */
    public static StatusReport read(StateStore store, Set<String> channels, Instant now, Duration every) {
        Stored stored = store.load();
        SentinelState state = stored.state();
        boolean late = state.lastRunAt() != null && Duration.between(state.lastRunAt(), now).compareTo(every.multipliedBy(2)) > 0;
        return new StatusReport(store.describe(), state.version(), stored.sizeBytes(), state.lastRunAt(), late, every.toString(),
                state.episodes().stream().filter(e -> !e.ended()).map(Alert::of).toList(),
                NotificationDispatcher.pendingPerChannel(state.outbox(), channels), Set.copyOf(channels),
                state.outbox().deadLetters().size(), outcomeUnknown(state), state.lastReport());
    }

    private static List<String> outcomeUnknown(SentinelState state) {
        return state.outbox().pending().stream()
                .flatMap(n -> n.channels().entrySet().stream()
                        .filter(c -> Boolean.TRUE.equals(c.getValue().outcomeUnknown())
                                && c.getValue().status() == ChannelDelivery.Status.PENDING)
                        .map(c -> n.id() + " \u2192 " + c.getKey()))
                .toList();
    }
}
