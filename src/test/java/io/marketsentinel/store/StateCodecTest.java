package io.marketsentinel.store;

import io.marketsentinel.alerting.SentinelState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateCodecTest {

    private final StateCodec codec = new StateCodec();

    @Test
    void roundTripsEverythingTheStateHolds() {
        SentinelState state = StateFixtures.simulated(Instant.parse("2026-01-01T00:00:00Z"), 3000)
                .withLastRun(Instant.parse("2026-02-01T00:00:00Z"), "{\"outcome\":\"ok\"}");
        assertThat(state.episodes()).isNotEmpty();
        assertThat(state.outbox().pending()).isNotEmpty();

        SentinelState back = codec.decode(codec.encode(state));

        assertThat(back.history().market().points()).isEqualTo(state.history().market().points());
        // Prices come back at ten significant digits (CoinGecko's precision), every day present.
        assertThat(back.history().coin("bitcoin").dailyLows().keySet()).isEqualTo(state.history().coin("bitcoin").dailyLows().keySet());
        back.history().coin("bitcoin").dailyLows().forEach((day, price) -> assertThat(price)
                .isCloseTo(state.history().coin("bitcoin").dailyLows().get(day), org.assertj.core.data.Percentage.withPercentage(1e-7)));
        assertThat(back.history().coin("bitcoin").latestPrice().orElseThrow())
                .isCloseTo(state.history().coin("bitcoin").latestPrice().orElseThrow(), org.assertj.core.data.Percentage.withPercentage(1e-7));
        assertThat(back.episodes()).isEqualTo(state.episodes());
        assertThat(back.outbox()).isEqualTo(state.outbox());
        assertThat(back.lastReport()).isEqualTo("{\"outcome\":\"ok\"}");
        assertThat(codec.encode(back)).isEqualTo(codec.encode(state));
    }

    /**
     * A state file written by the release before data binding (hand-written codec, format 1): an
     * upgrade reads its history, ledger, outbox and last report whole.
     */
    @Test
    void aFieldWrittenByANewerVersionIsKeptThroughALoadAndASave() throws Exception {
        byte[] golden;
        try (var in = StateCodecTest.class.getResourceAsStream("/state/state-format-1.json")) {
            golden = in.readAllBytes();
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode newer = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(golden);
        newer.putObject("digests").putArray("active").addObject().put("id", "s-1").put("rule", "coin-low");
        newer.put("digestSentOn", "2026-11-24");

        SentinelState loaded = codec.decode(json.writeValueAsBytes(newer));
        com.fasterxml.jackson.databind.JsonNode saved = json.readTree(codec.encode(loaded.withVersion(58)));

        assertThat(saved.path("digests").path("active").get(0).path("id").asText()).isEqualTo("s-1");
        assertThat(saved.path("digestSentOn").asText()).isEqualTo("2026-11-24");
        assertThat(saved.path("version").asLong()).isEqualTo(58);
        assertThat(codec.decode(codec.encode(loaded)).history().market().points()).hasSize(769);
    }

    @Test
    void readsAStateFileWrittenByThePreviousRelease() throws Exception {
        byte[] golden;
        try (var in = StateCodecTest.class.getResourceAsStream("/state/state-format-1.json")) {
            golden = in.readAllBytes();
        }

        SentinelState state = codec.decode(golden);

        assertThat(state.version()).isEqualTo(57);
        assertThat(state.history().market().points()).hasSize(769);
        assertThat(state.history().market().points().get(0).time()).isEqualTo(Instant.parse("2026-01-24T05:45:00Z"));
        assertThat(state.history().coin("bitcoin").dailyLows()).hasSize(32)
                .containsEntry(java.time.LocalDate.parse("2026-01-01"), 95000.0);
        assertThat(state.history().coin("bitcoin").latestTime()).contains(Instant.ofEpochSecond(1769924700));
        assertThat(state.episodes()).extracting(e -> e.key()).containsExactly("coin-low:bitcoin", "market-drawdown");
        assertThat(state.episodes().get(1).alerted().facts()).containsEntry("dropPercent", "50.2%");
        assertThat(state.episodes().get(1).sequence()).isEqualTo(3);
        assertThat(state.outbox().pending()).singleElement().satisfies(n -> {
            assertThat(n.subject()).isNull();
            assertThat(n.channels().get("slack").retryAt()).isEqualTo(Instant.parse("2026-01-12T00:01:00Z"));
            assertThat(n.channels().get("slack").attempts()).isEqualTo(1);
        });
        assertThat(state.outbox().deadLetters()).singleElement()
                .satisfies(n -> assertThat(n.channels().get("slack").status().name()).isEqualTo("DEAD"));
        assertThat(state.lastReport()).startsWith("{\"outcome\":\"ok\"").contains("\"apiCallCount\":2");
        assertThat(codec.encode(codec.decode(codec.encode(state)))).isEqualTo(codec.encode(state));
    }

    @Test
    void twoYearsOfFifteenMinuteRunsStayUnder64Kilobytes() {
        int runsInTwoYears = 2 * 365 * 96;
        SentinelState state = StateFixtures.simulated(Instant.parse("2024-02-01T00:00:00Z"), runsInTwoYears);
        int size = codec.encode(state).length;
        assertThat(state.history().coin("bitcoin").dailyLows()).hasSize(730);
        assertThat(size).isLessThan(64 * 1024);
    }

    @Test
    void aStateThatWouldPassTheBudgetIsCompactedInsteadOfRefused() {
        // Twenty coins with ten years of daily prices and sixty dead letters: far over 300 KB as is.
        SentinelState base = StateFixtures.simulated(Instant.parse("2026-01-01T00:00:00Z"), 800);
        java.util.Map<String, io.marketsentinel.history.CoinHistory> coins = new java.util.TreeMap<>();
        for (int c = 0; c < 20; c++) {
            java.util.Map<java.time.LocalDate, Double> days = new java.util.TreeMap<>();
            for (int d = 0; d < 3650; d++) {
                days.put(java.time.LocalDate.parse("2016-01-01").plusDays(d), 1000.0 + c + Math.sin(d / 30.0) * 123.456789);
            }
            coins.put("coin-" + c, io.marketsentinel.history.CoinHistory.of(days, null, null));
        }
        io.marketsentinel.alerting.Notification dead = base.outbox().pending().get(0);
        java.util.List<io.marketsentinel.alerting.Notification> deadLetters = java.util.Collections.nCopies(50, dead);
        SentinelState big = base.withHistory(io.marketsentinel.history.History.of(base.history().market(), coins))
                .withOutbox(new io.marketsentinel.alerting.Outbox(java.util.List.of(), deadLetters, 10))
                .withLastRun(Instant.parse("2026-02-01T00:00:00Z"), "{\"outcome\":\"ok\"}");
        assertThat(codec.encode(big).length).isGreaterThan(StateCodec.BUDGET_BYTES);

        StateCodec.Encoded encoded = codec.encodeWithinBudget(big);

        assertThat(encoded.bytes().length).isLessThanOrEqualTo(StateCodec.BUDGET_BYTES);
        SentinelState back = codec.decode(encoded.bytes());
        assertThat(back.outbox().deadLetters()).hasSize(10);
        assertThat(back.outbox().deadLettersDropped()).isEqualTo(50);
        assertThat(back.history().coin("coin-7").dailyLows().lastKey()).isEqualTo(java.time.LocalDate.parse("2025-12-28"));
        assertThat(back.history().coin("coin-7").firstDay()).as("old years thinned to weeks, not dropped")
                .contains(java.time.LocalDate.parse("2016-01-01"));
    }

    @Test
    void namesWhatIsMissingInABadDocument() {
        byte[] doc = "{\"format\":1,\"version\":3,\"coins\":{},\"episodes\":[],\"outbox\":{\"pending\":[],\"deadLetters\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decode(doc)).hasMessageContaining("missing field 'market'");
    }

    @Test
    void refusesAnUnknownFormat() {
        assertThatThrownBy(() -> codec.decode("{\"format\":9}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown state format 9");
    }
}
