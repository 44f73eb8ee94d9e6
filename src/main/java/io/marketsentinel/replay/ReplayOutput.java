package io.marketsentinel.replay;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.rules.Format;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A replay as a readable timeline with a summary, or as one JSON document (Jackson data binding). */
public final class ReplayOutput {

    private ReplayOutput() {
    }

    /** {@code replay --format json}: each notification as sent (with the row's time), and a summary. */
    public record Document(List<Replayer.Sent> notifications, List<Replayer.Folded> folded,
                           List<Replayer.Silenced> silenced, List<SuspectReading> suspects, Summary summary) {
    }

    /**
     * The rows replayed, the counts per rule and kind, and the thresholds used.
     *
     * @param suspects    doubted readings per outcome, in readings: HELD (every doubted reading), and how many of
     *                    them were CONFIRMED, DISCARDED or DROPPED
     * @param suspectRuns the outcomes in runs: agreeing glitch readings in a row are judged as one run
     */
    public record Summary(int rows, Instant from, Instant to, Instant checksFrom, int notifications,
                          Map<String, Map<String, Integer>> counts, Map<String, Integer> suspects,
                          Map<String, Integer> suspectRuns, Thresholds thresholds) {
    }

    /** The thresholds the replay ran with. */
    public record Thresholds(String drawdownWindow, double drawdownPercent, String drawdownFor, String lowMinAge) {
    }

    /**
     * A warning when the totals are spaced wider than the drawdown rule's {@code for}: a drop is then
     * confirmed only by the next row, a whole spacing later (daily closes make a 15-minute {@code for}
     * a 24-hour one, and a crash can be over by then). Empty when the rows are fine enough.
     */
    public static Optional<String> sparseRowsWarning(List<Observation> rows, Duration holdFor) {
        List<Long> gaps = new ArrayList<>();
        Instant previous = null;
        for (Observation row : rows) {
            if (row.totalMarketCapUsd() != null) {
                if (previous != null) {
                    gaps.add(Duration.between(previous, row.time()).getSeconds());
                }
                previous = row.time();
            }
        }
        if (gaps.isEmpty() || holdFor.isZero()) {
            return Optional.empty();
        }
        Collections.sort(gaps);
        Duration typical = Duration.ofSeconds(gaps.get(gaps.size() / 2));
        if (typical.compareTo(holdFor) <= 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "warning: the totals are %s apart, wider than the drawdown rule's "
                + "'for' (%s): each drop is confirmed only by the next row, %s later. Pass --for PT0S, or use finer data.",
                Format.span(typical), Format.span(holdFor), Format.span(typical)));
    }

    /** A duration as people write it in the configuration: {@code P7D} rather than Java's {@code PT168H}. */
    static String asConfigured(Duration d) {
        return !d.isZero() && d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    /** Counts per rule and kind, in a stable order. */
    public static Map<String, Map<String, Integer>> counts(Replayer.Result result) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Replayer.Sent s : result.sent()) {
            counts.computeIfAbsent(s.notification().rule(), r -> new TreeMap<>())
                    .merge(s.notification().kind().name(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Doubted readings per outcome, counted in readings wherever they are shown (the text, the JSON, the
     * chart): HELD is every doubted reading; an outcome (confirmed, discarded, dropped) covers each held
     * reading of its run, from its {@code since} to its time, so two glitch readings judged as one run
     * count two, not one.
     */
    public static Map<String, Integer> suspectCounts(Replayer.Result result) {
        Map<String, Integer> counts = new TreeMap<>();
        List<SuspectReading> held = result.suspects().stream().filter(s -> s.status() == SuspectReading.Status.HELD).toList();
        if (!held.isEmpty()) {
            counts.put(SuspectReading.Status.HELD.name(), held.size());
        }
        for (SuspectReading outcome : result.suspects()) {
            if (outcome.status() != SuspectReading.Status.HELD) {
                counts.merge(outcome.status().name(), Math.max(1, readingsOf(outcome, held)), Integer::sum);
            }
        }
        return counts;
    }

    /** The outcomes in runs (one judgement each). */
    public static Map<String, Integer> suspectRuns(Replayer.Result result) {
        Map<String, Integer> runs = new TreeMap<>();
        result.suspects().stream().filter(s -> s.status() != SuspectReading.Status.HELD)
                .forEach(s -> runs.merge(s.status().name(), 1, Integer::sum));
        return runs;
    }

    /** How many discarded or dropped readings there were: what the chart leaves out. */
    public static int leftOut(Replayer.Result result) {
        Map<String, Integer> counts = suspectCounts(result);
        return counts.getOrDefault(SuspectReading.Status.DISCARDED.name(), 0)
                + counts.getOrDefault(SuspectReading.Status.DROPPED.name(), 0);
    }

    private static int readingsOf(SuspectReading outcome, List<SuspectReading> held) {
        Instant from = outcome.since() != null ? outcome.since() : outcome.time();
        return (int) held.stream().filter(h -> java.util.Objects.equals(h.subject(), outcome.subject())
                && !h.time().isBefore(from) && !h.time().isAfter(outcome.time())).count();
    }

    public static String text(Replayer.Result result) {
        StringBuilder out = new StringBuilder();
        for (SuspectReading s : result.suspects()) {
            if (s.status() != SuspectReading.Status.HELD) {
                out.append(String.format(Locale.ROOT, "%s  suspect          %-8s  %-9s  %s %s%n", Format.time(s.time()),
                        s.subject() == null ? "total" : s.subject(), s.status(), Format.usd(s.value()), s.reason()));
            }
        }
        // The timeline in time order: what was sent, and what was folded into an earlier notification.
        TreeMap<Instant, List<String>> lines = new TreeMap<>();
        for (Replayer.Sent s : result.sent()) {
            Notification n = s.notification();
            lines.computeIfAbsent(s.time(), t -> new ArrayList<>()).add(String.format(Locale.ROOT,
                    "%s  %-15s  %-8s  %-9s  %s%n", Format.time(s.time()), n.rule(),
                    n.subject() == null ? "-" : n.subject(), n.kind(), n.headline()));
        }
        for (Replayer.Folded f : result.folded()) {
            lines.computeIfAbsent(f.time(), t -> new ArrayList<>()).add(String.format(Locale.ROOT,
                    "%s  %-15s  %-8s  %-9s  %s (folded into %s: not news)%n", Format.time(f.time()), f.rule(),
                    f.subject() == null ? "-" : f.subject(), "FOLDED", f.headline(), f.foldedInto()));
        }
        for (Replayer.Silenced m : result.silenced()) {
            lines.computeIfAbsent(m.time(), t -> new ArrayList<>()).add(String.format(Locale.ROOT,
                    "%s  %-15s  %-8s  %-9s  %s (silenced by %s: not sent)%n", Format.time(m.time()), m.rule(),
                    m.subject() == null ? "-" : m.subject(), "SILENCED", m.headline(), m.silencedBy()));
        }
        lines.values().forEach(at -> at.forEach(out::append));
        if (result.sent().isEmpty()) {
            out.append("(no notifications)\n");
        }
        out.append('\n').append(summaryLine(result)).append('\n');
        return out.toString();
    }

    static String summaryLine(Replayer.Result result) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d rows, %s to %s (checks from %s): %d notification(s)",
                result.rows().size(), Format.time(result.rows().get(0).time()),
                Format.time(result.rows().get(result.rows().size() - 1).time()),
                Format.time(result.evaluatedFrom()), result.sent().size()));
        counts(result).forEach((rule, kinds) -> {
            line.append("; ").append(rule).append(':');
            kinds.forEach((kind, n) -> line.append(' ').append(kind).append(' ').append(n));
        });
        if (!result.folded().isEmpty()) {
            line.append(String.format(Locale.ROOT, "; %d folded into earlier notifications", result.folded().size()));
        }
        if (!result.silenced().isEmpty()) {
            line.append(String.format(Locale.ROOT, "; %d silenced", result.silenced().size()));
        }
        Map<String, Integer> outcomes = suspectCounts(result);
        Map<String, Integer> runs = suspectRuns(result);
        line.append(String.format(Locale.ROOT, "; %d suspect reading(s)", outcomes.getOrDefault("HELD", 0)));
        outcomes.remove("HELD");
        if (!outcomes.isEmpty()) {
            line.append(" (");
            line.append(String.join(", ", outcomes.entrySet().stream()
                    .map(e -> e.getKey().toLowerCase(Locale.ROOT) + " " + e.getValue()
                            + (runs.get(e.getKey()).equals(e.getValue()) ? ""
                            : " in " + runs.get(e.getKey()) + " run" + (runs.get(e.getKey()) == 1 ? "" : "s"))).toList()));
            line.append(')');
        }
        return line.toString();
    }

    public static Document json(Replayer.Result result) {
        Replayer.Settings settings = result.settings();
        Summary summary = new Summary(result.rows().size(), result.rows().get(0).time(),
                result.rows().get(result.rows().size() - 1).time(), result.evaluatedFrom(), result.sent().size(),
                counts(result), suspectCounts(result), suspectRuns(result), new Thresholds(asConfigured(settings.drawdown().window()),
                settings.drawdown().percent(), asConfigured(settings.drawdown().holdFor()),
                asConfigured(settings.low().minAge())));
        return new Document(result.sent(), result.folded(), result.silenced(), result.suspects(), summary);
    }
}
