package io.marketsentinel.alerting;

import io.marketsentinel.history.History;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the function remembers between runs: the history, the alert episodes, the outbox,
 * and the last check's report (for the status route). {@code version} is the optimistic-locking
 * counter the store checks on save. Immutable.
 *
 * @param version    the stored version this state was read at (0 when nothing is stored yet)
 * @param history    market and coin history
 * @param episodes   the alert ledger's episodes
 * @param outbox     notifications not yet delivered everywhere, and the dead letters
 * @param lastRunAt  when the last stored check ran, or {@code null}
 * @param lastReport the last stored check's report as JSON, or {@code null}
 * @param silences   the mutes, active and recently ended
 * @param lastDigest the day of the last daily digest made, or {@code null}
 * @param newerFields the stored document's fields that a newer version wrote and this one does not know,
 *                   as a JSON object, kept as they were through a load and a save (a rollback loses
 *                   nothing), or {@code null}
 */
public record SentinelState(long version, History history, List<Episode> episodes, Outbox outbox,
                            Instant lastRunAt, String lastReport, Silences silences, LocalDate lastDigest,
                            String newerFields) {

    public SentinelState(long version, History history, List<Episode> episodes, Outbox outbox, Instant lastRunAt,
                         String lastReport) {
        this(version, history, episodes, outbox, lastRunAt, lastReport, Silences.NONE, null, null);
    }

    public SentinelState {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(outbox, "outbox");
        episodes = List.copyOf(episodes);
        silences = silences == null ? Silences.NONE : silences;
    }

    public static SentinelState initial() {
        return new SentinelState(0, History.empty(), List.of(), Outbox.empty(), null, null);
    }

    public AlertLedger ledger() {
        return new AlertLedger(episodes);
    }

    public SentinelState withHistory(History next) {
        return new SentinelState(version, next, episodes, outbox, lastRunAt, lastReport, silences, lastDigest, newerFields);
    }

    public SentinelState withEpisodes(Collection<Episode> next) {
        return new SentinelState(version, history, List.copyOf(next), outbox, lastRunAt, lastReport, silences, lastDigest, newerFields);
    }

    public SentinelState withOutbox(Outbox next) {
        return new SentinelState(version, history, episodes, next, lastRunAt, lastReport, silences, lastDigest, newerFields);
    }

    public SentinelState withVersion(long next) {
        return new SentinelState(next, history, episodes, outbox, lastRunAt, lastReport, silences, lastDigest, newerFields);
    }

    public SentinelState withLastRun(Instant at, String report) {
        return new SentinelState(version, history, episodes, outbox, at, report, silences, lastDigest, newerFields);
    }

    public SentinelState withSilences(Silences next) {
        return new SentinelState(version, history, episodes, outbox, lastRunAt, lastReport, next, lastDigest, newerFields);
    }

    public SentinelState withLastDigest(LocalDate day) {
        return new SentinelState(version, history, episodes, outbox, lastRunAt, lastReport, silences, day, newerFields);
    }

    public Optional<String> lastReportJson() {
        return Optional.ofNullable(lastReport);
    }
}
