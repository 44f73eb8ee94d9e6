package io.marketsentinel.cli;

import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.replay.Observation;
import io.marketsentinel.replay.ReplayOutput;
import io.marketsentinel.replay.Replayer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * {@code replay --sweep KEY=V1,V2 …}: every combination of the swept options over one read of the file,
 * on as many threads as there are cores (each replay is independent and shares the rows, which nobody
 * changes), and per combination the notifications per rule and kind and whether each expected day got
 * an alert.
 */
final class Sweep {

    /** The replay options that can be swept, as {@code --sweep} names them (the option without its dashes). */
    static final List<String> KEYS = List.of("percent", "window", "for", "usd", "min-age");

    /** One swept option and its values, as typed. */
    record Axis(String key, List<String> values) {
    }

    /** One combination: each swept option's value, as typed, in the order the axes were given. */
    record Combination(Map<String, String> options) {

        String label() {
            List<String> parts = new ArrayList<>();
            options.forEach((key, value) -> parts.add(key + "=" + value));
            return parts.isEmpty() ? "as configured" : String.join(" ", parts);
        }
    }

    /** What one combination gave. */
    record Outcome(Map<String, String> options, int notifications, Map<String, Map<String, Integer>> counts,
                   Map<LocalDate, Boolean> expected, List<Replayer.Sent> sent) {
    }

    private Sweep() {
    }

    /** Every combination of the axes' values (one, as configured, without axes). */
    static List<Combination> combinations(List<Axis> axes) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Axis axis : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : axis.values()) {
                    Map<String, String> more = new LinkedHashMap<>(partial);
                    more.put(axis.key(), value);
                    next.add(more);
                }
            }
            combinations = next;
        }
        return combinations.stream().map(Combination::new).toList();
    }

    /** Replays each combination (its settings from {@code settings}) over the same rows, in parallel. */
    static List<Outcome> run(List<Combination> combinations, Function<Combination, Replayer.Settings> settings,
                             List<Observation> rows, Optional<Instant> from, List<LocalDate> expected) {
        int threads = Math.max(1, Math.min(combinations.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Combination c : combinations) {
                Replayer.Settings s = settings.apply(c);
                futures.add(pool.submit(() -> outcome(c, new Replayer(s).run(rows, from), expected)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome outcome(Combination c, Replayer.Result result, List<LocalDate> expected) {
        Map<LocalDate, Boolean> met = new LinkedHashMap<>();
        for (LocalDate day : expected) {
            // An alert that day: a new or worse episode, or a reminder; the end of one is not an alert.
            met.put(day, result.sent().stream().anyMatch(s -> CoinHistory.dayOf(s.time()).equals(day)
                    && s.notification().kind() != DecisionKind.RESOLVED));
        }
        return new Outcome(c.options(), result.sent().size(), ReplayOutput.counts(result), met, result.sent());
    }

    /** A line per combination: its options, its notifications per rule and kind, and the expected days. */
    static String text(List<Outcome> outcomes, int rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "sweep: %d combination(s) over %d rows%n",
                outcomes.size(), rows));
        for (Outcome o : outcomes) {
            out.append(String.format(Locale.ROOT, "%-28s %3d notification(s)", new Combination(o.options()).label(),
                    o.notifications()));
            o.counts().forEach((rule, kinds) -> {
                out.append("; ").append(rule).append(':');
                kinds.forEach((kind, n) -> out.append(' ').append(kind).append(' ').append(n));
            });
            if (!o.expected().isEmpty()) {
                long met = o.expected().values().stream().filter(b -> b).count();
                out.append(String.format(Locale.ROOT, "; expected %d/%d", met, o.expected().size()));
                o.expected().forEach((day, hit) -> out.append(' ').append(day).append(hit ? " yes" : " MISSED"));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code --format json}: the combinations' outcomes, without each notification's full text. */
    static List<Map<String, Object>> json(List<Outcome> outcomes) {
        List<Map<String, Object>> doc = new ArrayList<>();
        for (Outcome o : outcomes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("options", o.options());
            entry.put("notifications", o.notifications());
            entry.put("counts", o.counts());
            if (!o.expected().isEmpty()) {
                Map<String, Boolean> expected = new LinkedHashMap<>();
                o.expected().forEach((day, hit) -> expected.put(day.toString(), hit));
                entry.put("expected", expected);
            }
            entry.put("sent", o.sent().stream().map(s -> s.time() + " " + s.notification().id() + " "
                    + s.notification().kind()).toList());
            doc.add(entry);
        }
        return doc;
    }
}
