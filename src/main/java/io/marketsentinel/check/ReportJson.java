package io.marketsentinel.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A {@link CheckReport} as a JSON tree, written field by field. Jackson's record introspection
 * cost ~0.1 s on the first report after every cold start (issue 8), and by hand nothing needs
 * registering for reflection in the native executable. Optional parts (a finding's coin, a
 * decision's notification) are left out when absent.
 */
public final class ReportJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportJson() {
    }

    public static ObjectNode tree(CheckReport r) {
        ObjectNode o = NODES.objectNode();
        putOptional(o, "outcome", r.outcome());
        putOptional(o, "message", r.message());
        o.put("dryRun", r.dryRun());
        putOptional(o, "startedAt", r.startedAt());
        if (r.snapshot() != null) {
            o.set("snapshot", snapshot(r.snapshot()));
        }
        if (r.bootstrapped() != null) {
            o.set("bootstrapped", integers(r.bootstrapped()));
        }
        o.set("findings", array(r.findings(), ReportJson::finding));
        o.set("decisions", array(r.decisions(), ReportJson::decision));
        o.set("notifications", array(r.notifications(), ReportJson::notification));
        o.set("deliveries", array(r.deliveries(), ReportJson::delivery));
        if (r.pendingPerChannel() != null) {
            o.set("pendingPerChannel", integers(r.pendingPerChannel()));
        }
        o.set("deadLetters", array(r.deadLetters(), ReportJson::notification));
        o.set("apiCalls", array(r.apiCalls(), ReportJson::apiCall));
        o.put("apiCallCount", r.apiCallCount());
        if (r.timingsMs() != null) {
            ObjectNode timings = o.putObject("timingsMs");
            for (Map.Entry<String, Double> e : r.timingsMs().entrySet()) {
                timings.put(e.getKey(), e.getValue());
            }
        }
        if (r.state() != null) {
            ObjectNode state = o.putObject("state");
            state.put("store", r.state().store());
            state.put("version", r.state().version());
            state.put("sizeBytes", r.state().sizeBytes());
        }
        return o;
    }

    private static ObjectNode snapshot(CheckReport.Snapshot s) {
        ObjectNode o = NODES.objectNode();
        o.put("takenAt", s.takenAt());
        o.put("totalMarketCapUsd", s.totalMarketCapUsd());
        o.put("marketUpdatedAt", s.marketUpdatedAt());
        ObjectNode coins = o.putObject("coins");
        for (Map.Entry<String, CheckReport.CoinView> e : s.coins().entrySet()) {
            ObjectNode c = coins.putObject(e.getKey());
            c.put("priceUsd", e.getValue().priceUsd());
            c.put("updatedAt", e.getValue().updatedAt());
        }
        return o;
    }

    private static void finding(ObjectNode o, CheckReport.FindingView f) {
        o.put("rule", f.rule());
        putOptional(o, "coin", f.coin());
        o.put("breached", f.breached());
        o.put("headline", f.headline());
        o.set("facts", strings(f.facts()));
    }

    private static void decision(ObjectNode o, CheckReport.DecisionView d) {
        o.put("rule", d.rule());
        putOptional(o, "coin", d.coin());
        o.put("kind", d.kind());
        putOptional(o, "notificationId", d.notificationId());
    }

    private static void notification(ObjectNode o, CheckReport.NotificationView n) {
        o.put("id", n.id());
        o.put("kind", n.kind());
        o.put("rule", n.rule());
        putOptional(o, "coin", n.coin());
        o.put("headline", n.headline());
        o.put("text", n.text());
        o.set("channels", strings(n.channels()));
    }

    private static void delivery(ObjectNode o, CheckReport.DeliveryView d) {
        o.put("notificationId", d.notificationId());
        o.put("channel", d.channel());
        o.put("outcome", d.outcome());
        o.put("detail", d.detail());
        o.put("attempt", d.attempt());
    }

    private static void apiCall(ObjectNode o, CheckReport.ApiCallView c) {
        o.put("request", c.request());
        o.put("status", c.status());
        o.put("millis", c.millis());
    }

    private static <T> ArrayNode array(List<T> items, BiConsumer<ObjectNode, T> write) {
        ArrayNode array = NODES.arrayNode();
        if (items != null) {
            for (T item : items) {
                write.accept(array.addObject(), item);
            }
        }
        return array;
    }

    private static ObjectNode strings(Map<String, String> values) {
        ObjectNode o = NODES.objectNode();
        if (values != null) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                o.put(e.getKey(), e.getValue());
            }
        }
        return o;
    }

    private static ObjectNode integers(Map<String, Integer> values) {
        ObjectNode o = NODES.objectNode();
        for (Map.Entry<String, Integer> e : values.entrySet()) {
            o.put(e.getKey(), e.getValue());
        }
        return o;
    }

    private static void putOptional(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
