package io.marketsentinel.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's JSON, written by hand: every field under its name, absent optional parts left out. */
class ReportJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CheckReport report() {
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("load", 3.2);
        timings.put("total", 12.5);
        return new CheckReport("ok", "1 new notification(s); 1 send(s) tried, 0 failed", false, "2026-02-04T12:00:00Z",
                new CheckReport.Snapshot("2026-02-04T12:00:01Z", 2.5471e12, "2026-02-04T11:59:00Z",
                        Map.of("bitcoin", new CheckReport.CoinView(72_850.5, "2026-02-04T11:59:00Z"))),
                Map.of("bitcoin", 365),
                List.of(new CheckReport.FindingView("market-drawdown", null, true, "Crypto market down", Map.of("drop", "$467.6B")),
                        new CheckReport.FindingView("coin-low", "bitcoin", false, "Bitcoin at $72,850.50", Map.of())),
                List.of(new CheckReport.DecisionView("market-drawdown", null, "NEW", "market-drawdown/1/1"),
                        new CheckReport.DecisionView("coin-low", "bitcoin", "UNCHANGED", null)),
                List.of(new CheckReport.NotificationView("market-drawdown/1/1", "NEW", "market-drawdown", null,
                        "Crypto market down", "text", Map.of("slack", "delivered after 1 attempt(s)"))),
                List.of(new CheckReport.DeliveryView("market-drawdown/1/1", "slack", "DELIVERED", "ok", 1)),
                Map.of("slack", 0), List.of(),
                List.of(new CheckReport.ApiCallView("GET /global", 200, 21)), 1, timings,
                new CheckReport.StateView("file .sentinel/state.json", 7, 3801));
    }

    @Test
    void writesEveryFieldUnderItsName() {
        JsonNode json = ReportJson.tree(report());

        assertThat(json.get("outcome").asText()).isEqualTo("ok");
        assertThat(json.get("dryRun").asBoolean()).isFalse();
        assertThat(json.at("/snapshot/totalMarketCapUsd").asDouble()).isEqualTo(2.5471e12);
        assertThat(json.at("/snapshot/coins/bitcoin/priceUsd").asDouble()).isEqualTo(72_850.5);
        assertThat(json.at("/bootstrapped/bitcoin").asInt()).isEqualTo(365);
        assertThat(json.at("/findings/0/breached").asBoolean()).isTrue();
        assertThat(json.at("/findings/0/facts/drop").asText()).isEqualTo("$467.6B");
        assertThat(json.at("/decisions/0/notificationId").asText()).isEqualTo("market-drawdown/1/1");
        assertThat(json.at("/notifications/0/channels/slack").asText()).startsWith("delivered");
        assertThat(json.at("/deliveries/0/attempt").asInt()).isEqualTo(1);
        assertThat(json.at("/pendingPerChannel/slack").asInt()).isZero();
        assertThat(json.get("deadLetters").isArray()).isTrue();
        assertThat(json.at("/apiCalls/0/request").asText()).isEqualTo("GET /global");
        assertThat(json.get("apiCallCount").asInt()).isEqualTo(1);
        assertThat(json.at("/timingsMs/total").asDouble()).isEqualTo(12.5);
        assertThat(json.at("/state/version").asLong()).isEqualTo(7);
    }

    @Test
    void keepsTheOrderOfFieldsAndTimings() {
        JsonNode json = ReportJson.tree(report());

        assertThat(json.fieldNames()).toIterable().containsExactly("outcome", "message", "dryRun", "startedAt", "snapshot",
                "bootstrapped", "findings", "decisions", "notifications", "deliveries", "pendingPerChannel", "deadLetters",
                "apiCalls", "apiCallCount", "timingsMs", "state");
        assertThat(json.get("timingsMs").fieldNames()).toIterable().containsExactly("load", "total");
    }

    @Test
    void leavesOutWhatIsAbsentRatherThanWritingNull() throws Exception {
        JsonNode json = ReportJson.tree(report());

        assertThat(json.at("/findings/0").has("coin")).isFalse();
        assertThat(json.at("/findings/1/coin").asText()).isEqualTo("bitcoin");
        assertThat(json.at("/decisions/1").has("notificationId")).isFalse();
        assertThat(json.at("/notifications/0").has("coin")).isFalse();
        assertThat(JSON.writeValueAsString(json)).doesNotContain("null");
    }
}
