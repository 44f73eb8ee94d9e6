package io.marketsentinel.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.Decision;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.market.ApiCall;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.rules.Finding;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what a check did into its {@link CheckReport}, and the report into JSON. */
final class ReportWriter {

    private final ObjectMapper mapper;

    ReportWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String json(CheckReport report) {
        try {
            return mapper.writeValueAsString(ReportJson.tree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report could not be written as JSON", e);
        }
    }

    Draft draft(Instant started, boolean dryRun, MarketSnapshot snapshot, Map<String, Integer> bootstrapped,
                Evaluator.Result result, List<ApiCall> calls) {
        return new Draft(started, dryRun, snapshot, bootstrapped, result, calls);
    }

    /** The part of the report known once the rules have spoken; {@link #finish} adds the rest. */
    static final class Draft {
        private final Instant started;
        private final boolean dryRun;
        private final MarketSnapshot snapshot;
        private final Map<String, Integer> bootstrapped;
        private final Evaluator.Result result;
        private final List<ApiCall> calls;

        private Draft(Instant started, boolean dryRun, MarketSnapshot snapshot, Map<String, Integer> bootstrapped,
                      Evaluator.Result result, List<ApiCall> calls) {
            this.started = started;
            this.dryRun = dryRun;
            this.snapshot = snapshot;
            this.bootstrapped = bootstrapped;
            this.result = result;
            this.calls = List.copyOf(calls);
        }

        CheckReport finish(String outcome, String message, List<DeliveryAttempt> attempts,
                           Map<String, Integer> pendingPerChannel, List<Notification> deadLetters,
                           MarketCheck.Timings timings, CheckReport.StateView state) {
            Map<String, CheckReport.CoinView> coins = new LinkedHashMap<>();
            snapshot.coins().forEach((id, q) -> coins.put(id, new CheckReport.CoinView(q.priceUsd(), q.updatedAt().toString())));
            return new CheckReport(outcome, message, dryRun, started.toString(),
                    new CheckReport.Snapshot(snapshot.takenAt().toString(), snapshot.totalMarketCapUsd(),
                            snapshot.marketUpdatedAt().toString(), coins),
                    bootstrapped,
                    result.findings().stream().map(Draft::finding).toList(),
                    result.decisions().stream().map(Draft::decision).toList(),
                    result.notifications().stream().map(Draft::notification).toList(),
                    attempts.stream().map(a -> new CheckReport.DeliveryView(a.notificationId(), a.channel(),
                            a.outcome().name(), a.detail(), a.attempt())).toList(),
                    pendingPerChannel,
                    deadLetters.stream().map(Draft::notification).toList(),
                    calls.stream().map(c -> new CheckReport.ApiCallView(c.request(), c.status(), c.millis())).toList(),
                    calls.size(), timings.snapshot(), state);
        }

        private static CheckReport.FindingView finding(Finding f) {
            return new CheckReport.FindingView(f.rule(), f.subject(), f.breached(), f.headline(), f.facts());
        }

        private static CheckReport.DecisionView decision(Decision d) {
            return new CheckReport.DecisionView(d.finding().rule(), d.finding().subject(), d.kind().name(),
                    d.notification().map(Notification::id).orElse(null));
        }

        static CheckReport.NotificationView notification(Notification n) {
            Map<String, String> channels = new LinkedHashMap<>();
            n.channels().forEach((c, d) -> channels.put(c, describe(d)));
            return new CheckReport.NotificationView(n.id(), n.kind().name(), n.rule(), n.subject(), n.headline(),
                    n.text(), channels);
        }

        private static String describe(ChannelDelivery d) {
            String s = d.status().name().toLowerCase() + " after " + d.attempts() + " attempt(s)";
            return d.lastError() == null ? s : s + ": " + d.lastError();
        }
    }
}
