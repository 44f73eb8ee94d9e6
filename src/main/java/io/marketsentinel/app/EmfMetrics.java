package io.marketsentinel.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.Finding;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One check's figures as CloudWatch embedded-metric-format (EMF) documents, for the stack's
 * dashboard: no SDK call, just lines CloudWatch Logs turns into metrics. Each document is written
 * as one whole line of its own on stdout (never inside another log record, which CloudWatch would
 * not read), one for the market and one per coin (dimension {@code Coin}). A reading the guard
 * holds is left out: the dashboard shows what the rules believed.
 */
public final class EmfMetrics {

    public static final String NAMESPACE = "MarketSentinel";

    private EmfMetrics() {
    }

    /** The {@code _aws} metadata of an EMF document. */
    @RegisterForReflection
    record Aws(@JsonProperty("Timestamp") long timestamp,
               @JsonProperty("CloudWatchMetrics") List<Directive> cloudWatchMetrics) {
    }

    /** Which members of the document are metrics, in which namespace and with which dimensions. */
    @RegisterForReflection
    record Directive(@JsonProperty("Namespace") String namespace, @JsonProperty("Dimensions") List<List<String>> dimensions,
                     @JsonProperty("Metrics") List<MetricName> metrics) {
    }

    @RegisterForReflection
    record MetricName(@JsonProperty("Name") String name, @JsonProperty("Unit") String unit) {
    }

    /** Writes each document as one line. */
    public static void emit(CheckReport report, ObjectMapper mapper, PrintStream out) {
        for (String line : lines(report, mapper)) {
            out.println(line);
        }
        out.flush();
    }

    public static List<String> lines(CheckReport report, ObjectMapper mapper) {
        MarketSnapshot snapshot = report.snapshot();
        long timestamp = snapshot.takenAt().toEpochMilli();
        Set<String> held = report.suspects().stream().filter(s -> s.status() == SuspectReading.Status.HELD)
                .map(s -> Objects.requireNonNullElse(s.subject(), "")).collect(Collectors.toSet());
        List<String> lines = new ArrayList<>();

        Map<String, Object> market = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        if (!held.contains("")) {
            put(market, units, "TotalMarketCapUsd", snapshot.totalMarketCapUsd(), "None");
        }
        finding(report, MarketDrawdownRule.NAME, null)
                .ifPresent(f -> put(market, units, "DrawdownPercent", f.magnitude(), "Percent"));
        long sent = report.deliveries().stream().filter(d -> d.outcome() == DeliveryResult.Outcome.DELIVERED).count();
        long notStarted = report.deliveries().stream()
                .filter(d -> d.outcome() == DeliveryResult.Outcome.NOT_STARTED).count();
        put(market, units, "NotificationsSent", sent, "Count");
        put(market, units, "DeliveriesFailed", report.deliveries().size() - sent - notStarted, "Count");
        put(market, units, "SuspectReadings", report.suspects().stream()
                .filter(s -> s.status() == SuspectReading.Status.HELD).count(), "Count");
        put(market, units, "CheckDurationMs", report.timingsMs().getOrDefault("total", 0.0), "Milliseconds");
        lines.add(document(mapper, timestamp, List.of(), market, units));

        long today = CoinHistory.dayOf(snapshot.takenAt()).toEpochDay();
        snapshot.coins().forEach((coin, quote) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, String> coinUnits = new LinkedHashMap<>();
            values.put("Coin", coin);
            if (!held.contains(coin)) {
                put(values, coinUnits, "CoinPriceUsd", quote.priceUsd(), "None");
            }
            // coin-low measures LOWEST_SINCE_EPOCH_DAY.
            finding(report, CoinLowRule.NAME, coin)
                    .ifPresent(f -> put(values, coinUnits, "LowestSinceDays", today - (long) f.magnitude(), "Count"));
            if (!coinUnits.isEmpty()) {
                lines.add(document(mapper, timestamp, List.of("Coin"), values, coinUnits));
            }
        });
        // One document per channel tried: what it took and what failed, for the dashboard's delivery graph by channel.
        Map<String, long[]> byChannel = new java.util.TreeMap<>();
        report.deliveries().stream().filter(d -> d.outcome() != DeliveryResult.Outcome.NOT_STARTED).forEach(d -> {
            long[] counts = byChannel.computeIfAbsent(d.channel(), c -> new long[2]);
            counts[d.outcome() == DeliveryResult.Outcome.DELIVERED ? 0 : 1]++;
        });
        byChannel.forEach((channel, counts) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, String> channelUnits = new LinkedHashMap<>();
            values.put("Channel", channel);
            put(values, channelUnits, "Delivered", counts[0], "Count");
            put(values, channelUnits, "DeliveriesFailed", counts[1], "Count");
            lines.add(document(mapper, timestamp, List.of("Channel"), values, channelUnits));
        });
        // One document per rule and subject: its condition held (1) or not (0), and its measure, for the
        // dashboard's rules graph (dimension Rule), whatever rules are configured.
        for (Finding f : report.findings()) {
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, String> ruleUnits = new LinkedHashMap<>();
            values.put("Rule", f.key());
            put(values, ruleUnits, "Breached", f.breached() ? 1 : 0, "Count");
            lines.add(document(mapper, timestamp, List.of("Rule"), values, ruleUnits));
        }
        return lines;
    }

    private static java.util.Optional<Finding> finding(CheckReport report, String rule, String subject) {
        return report.findings().stream()
                .filter(f -> f.rule().equals(rule) && Objects.equals(f.subject(), subject)).findFirst();
    }

    private static void put(Map<String, Object> values, Map<String, String> units, String name, Object value, String unit) {
        values.put(name, value);
        units.put(name, unit);
    }

    private static String document(ObjectMapper mapper, long timestamp, List<String> dimensions,
                                   Map<String, Object> values, Map<String, String> units) {
        List<MetricName> metrics = new ArrayList<>();
        units.forEach((name, unit) -> metrics.add(new MetricName(name, unit)));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", new Aws(timestamp, List.of(new Directive(NAMESPACE, List.of(dimensions), metrics))));
        document.putAll(values);
        try {
            // The default (compact) printer writes no line breaks: one document, one line.
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics could not be written as JSON", e);
        }
    }
}
