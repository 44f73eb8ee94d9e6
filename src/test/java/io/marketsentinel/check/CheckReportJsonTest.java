package io.marketsentinel.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.marketsentinel.alerting.Decision;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.market.ApiCall;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Notifications;
import io.marketsentinel.rules.Finding;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The report is the domain records themselves, written by Jackson as Quarkus configures it. */
class CheckReportJsonTest {

    /** The settings Quarkus gives its ObjectMapper: java.time support, dates as ISO-8601 text. */
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    static CheckReport report() {
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("load", 3.2);
        timings.put("total", 12.5);
        Notification sent = Notifications.drawdown("market-drawdown/1/1");
        Finding drawdown = new Finding("market-drawdown", null, true, 15.5, Finding.Measure.PERCENT_BELOW_HIGH, 2.5471e12, "Crypto market down",
                "text", Map.of("drop", "$467.6B"));
        Finding low = new Finding("coin-low", "bitcoin", false, 20_000, Finding.Measure.LOWEST_SINCE_EPOCH_DAY, 72_850.5, "Bitcoin at $72,850.50", "text", Map.of());
        return new CheckReport("ok", "1 new notification(s); 1 send(s) tried, 0 failed", false,
                Instant.parse("2026-02-04T12:00:00Z"),
                new MarketSnapshot(Instant.parse("2026-02-04T12:00:01Z"), 2.5471e12, Instant.parse("2026-02-04T11:59:00Z"),
                        Map.of("bitcoin", new MarketSnapshot.CoinQuote(72_850.5, Instant.parse("2026-02-04T11:59:00Z")))),
                Map.of("bitcoin", 365), List.of(), List.of(drawdown, low),
                List.of(new Decision(drawdown, DecisionKind.NEW, Optional.of(sent)),
                        new Decision(low, DecisionKind.UNCHANGED, Optional.empty())),
                List.of(sent),
                List.of(new DeliveryAttempt(sent.id(), "slack", DeliveryResult.Outcome.DELIVERED, "ok", 1)),
                Map.of("slack", 0), List.of(), List.of(new ApiCall("GET /global", 200, 21)), timings,
                new CheckReport.StoredState("file .sentinel/state.json", 7, 3801));
    }

    @Test
    void writesEveryFieldUnderItsNameInOrder() {
        JsonNode json = JSON.valueToTree(report());

        assertThat(json.fieldNames()).toIterable().containsExactly("outcome", "message", "dryRun", "startedAt", "snapshot",
                "bootstrapped", "suspects", "findings", "decisions", "notifications", "deliveries", "pendingPerChannel", "deadLetters",
                "apiCalls", "timingsMs", "state", "apiCallCount");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-02-04T12:00:00Z");
        assertThat(json.at("/snapshot/coins/bitcoin/priceUsd").asDouble()).isEqualTo(72_850.5);
        assertThat(json.at("/snapshot/coins/bitcoin/updatedAt").asText()).isEqualTo("2026-02-04T11:59:00Z");
        assertThat(json.at("/findings/0/facts/drop").asText()).isEqualTo("$467.6B");
        assertThat(json.at("/notifications/0/channels/slack/status").asText()).isEqualTo("PENDING");
        assertThat(json.at("/deliveries/0/outcome").asText()).isEqualTo("DELIVERED");
        assertThat(json.get("apiCallCount").asInt()).isEqualTo(1);
        assertThat(json.at("/timingsMs").fieldNames()).toIterable().containsExactly("load", "total");
        assertThat(json.at("/state/sizeBytes").asLong()).isEqualTo(3801);
    }

    @Test
    void aDecisionNamesItsFindingAndNotificationInsteadOfRepeatingThem() {
        JsonNode json = JSON.valueToTree(report());

        assertThat(json.at("/decisions/0").fieldNames()).toIterable()
                .containsExactly("rule", "kind", "notificationId");
        assertThat(json.at("/decisions/0/notificationId").asText()).isEqualTo("market-drawdown/1/1");
        assertThat(json.at("/decisions/1/subject").asText()).isEqualTo("bitcoin");
        assertThat(json.at("/decisions/1").has("notificationId")).isFalse();
    }

    @Test
    void leavesOutWhatIsAbsentRatherThanWritingNull() throws Exception {
        JsonNode json = JSON.valueToTree(report());

        assertThat(json.at("/findings/0").has("subject")).isFalse();
        assertThat(json.at("/findings/1/subject").asText()).isEqualTo("bitcoin");
        assertThat(json.at("/notifications/0").has("subject")).isFalse();
        assertThat(JSON.writeValueAsString(json)).doesNotContain("null");
    }
}
