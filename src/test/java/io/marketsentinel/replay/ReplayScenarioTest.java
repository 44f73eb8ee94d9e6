package io.marketsentinel.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.Format;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped crash scenario, replayed with the default thresholds. */
class ReplayScenarioTest {

    static final Path SHIPPED = Path.of("src/test/resources/replay/crash-2026.csv");
    private static HistoryCsv.Parsed csv;
    private static Replayer.Result result;

    @BeforeAll
    static void replay() throws Exception {
        csv = HistoryCsv.read(new StringReader(Files.readString(SHIPPED)), SHIPPED.toString());
        result = new Replayer(defaults(csv.coins())).run(csv.rows(), Optional.empty());
    }

    static Replayer.Settings defaults(List<String> coins) {
        return new Replayer.Settings(DefaultSettings.drawdown(), DefaultSettings.low(coins),
                Optional.empty(), DefaultSettings.guard().settings());
    }

    private static List<Replayer.Sent> sent(String rule, DecisionKind kind) {
        return result.sent().stream()
                .filter(s -> s.notification().rule().equals(rule) && s.notification().kind() == kind).toList();
    }

    @Test
    void theShippedFileIsWhatTheGeneratorMakes() throws Exception {
        assertThat(Files.readString(SHIPPED, StandardCharsets.UTF_8)).isEqualTo(CrashScenario.csv());
    }

    @Test
    void theCrashFiresMarketDrawdownOnceAfterConfirmationWithTheRightDollarFigure() {
        List<Replayer.Sent> fired = sent(MarketDrawdownRule.NAME, DecisionKind.NEW);
        assertThat(fired).hasSize(1);
        Instant at = fired.get(0).time();
        // Independently of the rule: the first row whose drop from the high shows as 15.0 % or more ...
        Observation first = csv.rows().stream()
                .filter(r -> r.totalMarketCapUsd() != null && r.time().isAfter(CrashScenario.HIGH_AT))
                .filter(r -> Math.round((1 - r.totalMarketCapUsd() / CrashScenario.HIGH) * 1000) >= 150)
                .findFirst().orElseThrow();
        // ... is pending; the next hourly row, still down, confirms it.
        assertThat(at).isEqualTo(first.time().plusSeconds(3600));
        double totalThen = csv.rows().stream().filter(r -> r.time().equals(at)).findFirst().orElseThrow().totalMarketCapUsd();
        assertThat(fired.get(0).notification().headline()).startsWith("Crypto market down "
                + Format.usd(CrashScenario.HIGH - totalThen) + " (");
        assertThat(fired.get(0).notification().facts()).containsEntry("windowHigh", "$3,014.7B")
                .containsEntry("windowHighAt", "2026-01-29 12:00 UTC");
    }

    @Test
    void itEscalatesOnceAtTwentyPercent() {
        List<Replayer.Sent> escalated = sent(MarketDrawdownRule.NAME, DecisionKind.ESCALATED);
        assertThat(escalated).hasSize(1);
        assertThat(escalated.get(0).notification().facts().get("dropPercent")).as("confirmed one hourly reading after crossing 20%").isEqualTo("20.1%");
        assertThat(escalated.get(0).time()).isBefore(CrashScenario.BOTTOM_AT);
    }

    @Test
    void bitcoinsLowIsTheLowestSinceThePlantedDay() {
        List<Replayer.Sent> lows = sent(CoinLowRule.NAME, DecisionKind.NEW);
        assertThat(lows).hasSize(1);
        assertThat(lows.get(0).notification().facts()).containsEntry("lowestSince", CrashScenario.PLANTED_LOW.toString())
                .containsEntry("lowestSinceAge", "15 months");
    }

    @Test
    void ordinaryFivePercentSwingsStaySilent() {
        assertThat(result.sent()).allSatisfy(s -> assertThat(s.time()).isAfter(CrashScenario.HIGH_AT));
        assertThat(result.sent()).hasSize(3);
    }

    @Test
    void jsonHasEveryNotificationAndASummary() {
        JsonNode json = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .valueToTree(ReplayOutput.json(result));
        assertThat(json.get("notifications")).hasSize(3);
        JsonNode low = json.get("notifications").get(0);
        assertThat(low.get("rule").asText()).isEqualTo("coin-low");
        assertThat(low.get("subject").asText()).isEqualTo("bitcoin");
        assertThat(low.get("kind").asText()).isEqualTo("NEW");
        assertThat(low.get("facts").get("lowestSince").asText()).isEqualTo("2024-11-06");
        assertThat(json.get("notifications").get(1).has("subject")).isFalse();
        assertThat(json.get("summary").get("counts").get("market-drawdown").get("NEW").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("rows").asInt()).isEqualTo(csv.rows().size());
    }

    @Test
    void theTimelineListsEachNotificationAndTheSummaryCountsThem() {
        String text = ReplayOutput.text(result);
        assertThat(text).contains("2026-01-31 16:00 UTC  coin-low         bitcoin   NEW        Bitcoin at $87,972.22, lowest since 2024-11-06 (15 months)")
                .contains("market-drawdown  -         ESCALATED")
                .contains("3 notification(s); coin-low: NEW 1; market-drawdown: ESCALATED 1 NEW 1");
    }

    @Test
    void aLowerThresholdFiresEarlier() {
        Replayer.Settings tighter = new Replayer.Settings(new MarketDrawdownRule.Settings(java.time.Duration.ofDays(7), 10,
                java.util.OptionalDouble.empty(), java.time.Duration.ofMinutes(15), 5, 0.5, false),
                DefaultSettings.low(csv.coins()), Optional.empty(), DefaultSettings.guard().settings());
        Replayer.Result r = new Replayer(tighter).run(csv.rows(), Optional.empty());
        Instant at10 = r.sent().stream().filter(s -> s.notification().rule().equals(MarketDrawdownRule.NAME)).findFirst()
                .orElseThrow().time();
        assertThat(at10).isBefore(sent(MarketDrawdownRule.NAME, DecisionKind.NEW).get(0).time());
    }

    @Test
    void drawsTheChartAsSvgAndPng(@TempDir Path dir) throws Exception {
        Replayer.Result fromDecember = new Replayer(defaults(csv.coins())).run(csv.rows(), Optional.of(CrashScenario.HOURLY_FROM));
        ChartWriter writer = ChartWriter.load();
        writer.write(fromDecember, dir.resolve("c.svg"));
        writer.write(fromDecember, dir.resolve("c.png"));
        String svg = Files.readString(dir.resolve("c.svg"));
        assertThat(svg).startsWith("<?xml").contains("<svg").contains("Bitcoin at $87,972.22, lowest since 2024-11-06 (15 months)")
                .contains("Crypto market down $605.9B (\u221220.1%)").contains("Drawdown band: 7-day high to \u221215.0%");
        byte[] png = Files.readAllBytes(dir.resolve("c.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }
}
