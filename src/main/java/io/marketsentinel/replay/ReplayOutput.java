package io.marketsentinel.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.rules.Format;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A replay as a readable timeline with a summary, or as one JSON document. */
public final class ReplayOutput {

    private ReplayOutput() {
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

    public static String text(Replayer.Result result) {
        StringBuilder out = new StringBuilder();
        for (Replayer.Sent s : result.sent()) {
            Notification n = s.notification();
            out.append(String.format(Locale.ROOT, "%s  %-15s  %-8s  %-9s  %s%n", Format.time(s.time()), n.rule(),
                    n.subject() == null ? "-" : n.subject(), n.kind(), n.headline()));
        }
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
        return line.toString();
    }

    public static ObjectNode json(Replayer.Result result, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode notifications = root.putArray("notifications");
        for (Replayer.Sent s : result.sent()) {
            Notification n = s.notification();
            ObjectNode o = notifications.addObject();
            o.put("time", s.time().toString());
            o.put("rule", n.rule());
            o.put("coin", n.subject());
            o.put("kind", n.kind().name());
            o.put("headline", n.headline());
            o.put("text", n.text());
            ObjectNode facts = o.putObject("facts");
            n.facts().forEach(facts::put);
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("rows", result.rows().size());
        summary.put("from", result.rows().get(0).time().toString());
        summary.put("to", result.rows().get(result.rows().size() - 1).time().toString());
        summary.put("checksFrom", result.evaluatedFrom().toString());
        summary.put("notifications", result.sent().size());
        summary.set("counts", mapper.valueToTree(counts(result)));
        ObjectNode thresholds = summary.putObject("thresholds");
        thresholds.put("drawdownWindow", result.settings().drawdown().window().toString());
        thresholds.put("drawdownPercent", result.settings().drawdown().percent());
        thresholds.put("drawdownFor", result.settings().drawdown().pendingFor().toString());
        thresholds.put("lowMinAge", result.settings().low().minAge().toString());
        return root;
    }
}
