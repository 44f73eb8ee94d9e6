package io.marketsentinel.check;

import java.util.List;
import java.util.Map;

/**
 * What one check did: the readings, each rule's finding, the ledger's decisions, the notifications
 * made, the sends tried, the CoinGecko calls spent, and the time each step took. Written as JSON by
 * {@link ReportJson}.
 *
 * @param outcome "ok", "dry-run", "lost-race" (another run stored first; nothing sent) or "failed"
 * @param message a sentence for people
 */
public record CheckReport(String outcome, String message, boolean dryRun, String startedAt, Snapshot snapshot,
                          Map<String, Integer> bootstrapped, List<FindingView> findings,
                          List<DecisionView> decisions, List<NotificationView> notifications,
                          List<DeliveryView> deliveries, Map<String, Integer> pendingPerChannel,
                          List<NotificationView> deadLetters, List<ApiCallView> apiCalls, int apiCallCount,
                          Map<String, Double> timingsMs, StateView state) {

    /** The validated readings. */
    public record Snapshot(String takenAt, double totalMarketCapUsd, String marketUpdatedAt,
                           Map<String, CoinView> coins) {
    }

    public record CoinView(double priceUsd, String updatedAt) {
    }

    public record FindingView(String rule, String coin, boolean breached, String headline, Map<String, String> facts) {
    }

    public record DecisionView(String rule, String coin, String kind, String notificationId) {
    }

    public record NotificationView(String id, String kind, String rule, String coin, String headline, String text,
                                   Map<String, String> channels) {
    }

    public record DeliveryView(String notificationId, String channel, String outcome, String detail, int attempt) {
    }

    public record ApiCallView(String request, int status, double millis) {
    }

    public record StateView(String store, long version, long sizeBytes) {
    }
}
