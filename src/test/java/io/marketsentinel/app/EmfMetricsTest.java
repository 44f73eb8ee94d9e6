package io.marketsentinel.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.market.ApiCall;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.rules.Finding;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's metrics: CloudWatch embedded-metric-format documents, each one whole line. */
class EmfMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-02-04T12:00:00Z");

    private static CheckReport report(List<SuspectReading> suspects) {
        Finding drawdown = new Finding("market-drawdown", null, true, 15.5, Finding.Measure.PERCENT_BELOW_HIGH, 2.5471e12, "Crypto market down", "text", Map.of());
        Finding low = new Finding("coin-low", "bitcoin", true, LocalDate.parse("2024-11-06").toEpochDay(), Finding.Measure.LOWEST_SINCE_EPOCH_DAY, 72_850.5,
                "Bitcoin at $72,850.50", "text", Map.of());
        return new CheckReport("ok", "message", false, AT,
                new MarketSnapshot(AT, 2.5471e12, AT, Map.of("bitcoin", new MarketSnapshot.CoinQuote(72_850.5, AT))),
                Map.of(), suspects, List.of(drawdown, low), List.of(), List.of(),
                List.of(new DeliveryAttempt("n/1", "slack", DeliveryResult.Outcome.DELIVERED, "ok", 1),
                        new DeliveryAttempt("n/1", "email", DeliveryResult.Outcome.RETRYABLE, "down", 1)),
                Map.of(), List.of(), List.of(new ApiCall("GET /global", 200, 3)), Map.of("total", 41.5),
                new CheckReport.StoredState("file", 3, 100));
    }

    @Test
    void writesTheMarketAndEachCoinAsOneEmfLineEach() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmfMetrics.emit(report(List.of()), JSON, new PrintStream(out, true, StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");

        assertThat(lines).as("the market, each coin, each channel tried and each rule's finding").hasSize(6);
        assertThat(JSON.readTree(lines[2]).path("Channel").asText()).isEqualTo("email");
        assertThat(JSON.readTree(lines[2]).path("DeliveriesFailed").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(lines[3]).path("Channel").asText()).isEqualTo("slack");
        assertThat(JSON.readTree(lines[3]).path("Delivered").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(lines[4]).path("Rule").asText()).isEqualTo("market-drawdown");
        assertThat(JSON.readTree(lines[4]).path("Breached").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(lines[5]).path("Rule").asText()).isEqualTo("coin-low:bitcoin");
        assertThat(JSON.readTree(lines[5]).path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0).get(0)
                .asText()).isEqualTo("Rule");
        JsonNode market = JSON.readTree(lines[0]);
        assertThat(market.at("/_aws/Timestamp").asLong()).isEqualTo(AT.toEpochMilli());
        assertThat(market.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("MarketSentinel");
        assertThat(market.at("/_aws/CloudWatchMetrics/0/Dimensions/0")).isEmpty();
        assertThat(market.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name")).containsExactly(
                "TotalMarketCapUsd", "DrawdownPercent", "NotificationsSent", "DeliveriesFailed", "SuspectReadings",
                "CheckDurationMs");
        assertThat(market.get("TotalMarketCapUsd").asDouble()).isEqualTo(2.5471e12);
        assertThat(market.get("DrawdownPercent").asDouble()).isEqualTo(15.5);
        assertThat(market.get("NotificationsSent").asInt()).isEqualTo(1);
        assertThat(market.get("DeliveriesFailed").asInt()).isEqualTo(1);
        assertThat(market.get("CheckDurationMs").asDouble()).isEqualTo(41.5);

        JsonNode coin = JSON.readTree(lines[1]);
        assertThat(coin.at("/_aws/CloudWatchMetrics/0/Dimensions/0/0").asText()).isEqualTo("Coin");
        assertThat(coin.get("Coin").asText()).isEqualTo("bitcoin");
        assertThat(coin.get("CoinPriceUsd").asDouble()).isEqualTo(72_850.5);
        assertThat(coin.get("LowestSinceDays").asLong()).isEqualTo(455);
    }

    @Test
    void aHeldReadingIsLeftOutAndCounted() throws Exception {
        SuspectReading spike = new SuspectReading(null, AT, 6e12, "+100.0%", SuspectReading.Status.HELD, AT);
        List<String> lines = EmfMetrics.lines(report(List.of(spike)), JSON);

        JsonNode market = JSON.readTree(lines.get(0));
        assertThat(market.has("TotalMarketCapUsd")).isFalse();
        assertThat(market.get("SuspectReadings").asInt()).isEqualTo(1);
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
    }
}
