package io.marketsentinel.alerting;

import io.marketsentinel.history.History;
import io.marketsentinel.history.SuspectReading;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * @param recentSuspects the readings the guard doubted in the last day (for the digest), oldest first
 * @param newerFields the stored document's fields that a newer version wrote and this one does not know,
 *                   as a JSON object, kept as they were through a load and a save (a rollback loses
 *                   nothing), or {@code null}
 */
public record SentinelState(long version, History history, List<Episode> episodes, Outbox outbox,
                            Instant lastRunAt, String lastReport, Silences silences, LocalDate lastDigest,
                            List<SuspectReading> recentSuspects, String newerFields) {

    /** How long the doubted readings are kept: the digest tells the last day's. */
    public static final Duration SUSPECTS_KEPT = Duration.ofDays(1);

    public SentinelState(long version, History history, List<Episode> episodes, Outbox outbox, Instant lastRunAt,
                         String lastReport) {
        this(version, history, episodes, outbox, lastRunAt, lastReport, Silences.NONE, null, List.of(), null);
    }

    public SentinelState {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(outbox, "outbox");
        episodes = List.copyOf(episodes);
        silences = silences == null ? Silences.NONE : silences;
        recentSuspects = recentSuspects == null ? List.of() : List.copyOf(recentSuspects);
    }

    public static SentinelState initial() {
        return new SentinelState(0, History.empty(), List.of(), Outbox.empty(), null, null);
    }

    public AlertLedger ledger() {
        return new AlertLedger(episodes);
    }

    public SentinelState withHistory(History next) {
        return new SentinelState(version, next, episodes, outbox, lastRunAt, lastReport, silences, lastDigest,
                recentSuspects, newerFields);
    }

    public SentinelState withEpisodes(Collection<Episode> next) {
        return new SentinelState(version, history, List.copyOf(next), outbox, lastRunAt, lastReport, silences, lastDigest,
                recentSuspects, newerFields);
    }

    public SentinelState withOutbox(Outbox next) {
        return new SentinelState(version, history, episodes, next, lastRunAt, lastReport, silences, lastDigest,
                recentSuspects, newerFields);
    }

    public SentinelState withVersion(long next) {
        return new SentinelState(next, history, episodes, outbox, lastRunAt, lastReport, silences, lastDigest,
                recentSuspects, newerFields);
    }

    public SentinelState withLastRun(Instant at, String report) {
        return new SentinelState(version, history, episodes, outbox, at, report, silences, lastDigest,
                recentSuspects, newerFields);
    }

    public SentinelState withSilences(Silences next) {
        return new SentinelState(version, history, episodes, outbox, lastRunAt, lastReport, next, lastDigest,
                recentSuspects, newerFields);
    }

    /** {@code suspects} added to those kept, and those older than a day before {@code now} let go. */
    public SentinelState withSuspects(List<SuspectReading> suspects, Instant now) {
        Instant since = now.minus(SUSPECTS_KEPT);
        List<SuspectReading> kept = new ArrayList<>();
        for (List<SuspectReading> list : List.of(recentSuspects, suspects)) {
            for (SuspectReading s : list) {
                if (s.time().isAfter(since)) {
                    kept.add(s);
                }
            }
        }
        return new SentinelState(version, history, episodes, outbox, lastRunAt, lastReport, silences, lastDigest, kept,
                newerFields);
    }

    public SentinelState withLastDigest(LocalDate day) {
        return new SentinelState(version, history, episodes, outbox, lastRunAt, lastReport, silences, day,
                recentSuspects, newerFields);
    }

    public Optional<String> lastReportJson() {
        return Optional.ofNullable(lastReport);
    }
}
