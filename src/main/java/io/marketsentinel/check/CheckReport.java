package io.marketsentinel.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.marketsentinel.alerting.Decision;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.market.ApiCall;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.rules.Finding;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one check did: the readings, each rule's finding, the ledger's decisions, the notifications
 * made, the readings the plausibility guard doubted, the sends tried, the CoinGecko calls spent, and the time each step took. The domain records
 * themselves, written by Jackson data binding wherever the report goes (the Lambda answer, the
 * HTTP trigger, the CLI, the stored last report).
 *
 * @param outcome "ok", "dry-run", "lost-race" (another run stored first; nothing sent) or "failed"
 * @param message a sentence for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckReport(String outcome, String message, boolean dryRun, Instant startedAt, MarketSnapshot snapshot,
                          Map<String, Integer> bootstrapped, List<SuspectReading> suspects, List<Finding> findings,
                          List<Decision> decisions,
                          List<Notification> notifications, List<DeliveryAttempt> deliveries,
                          Map<String, Integer> pendingPerChannel, List<Notification> deadLetters,
                          List<ApiCall> apiCalls, Map<String, Double> timingsMs, StoredState state) {

    /** Where the state was stored, at which version, and how big its document is. */
    public record StoredState(String store, long version, long sizeBytes) {
    }

    /**
     * The report as the state keeps it for the status route: without the dead letters, which the
     * state's outbox holds already (a bounded state does not store them twice).
     */
    public CheckReport forStorage() {
        return new CheckReport(outcome, message, dryRun, startedAt, snapshot, bootstrapped, suspects, findings, decisions,
                notifications, deliveries, pendingPerChannel, List.of(), apiCalls, timingsMs, state);
    }

    /** The CoinGecko calls spent: the quota is the bill. */
    @JsonProperty("apiCallCount")
    public int apiCallCount() {
        return apiCalls.size();
    }
}
