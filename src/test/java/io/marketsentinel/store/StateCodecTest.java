package io.marketsentinel.store;

import com.fasterxml.jackson.databind.ObjectMapper;
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
        assertThat(back.history().coin("bitcoin").dailyLows()).isEqualTo(state.history().coin("bitcoin").dailyLows());
        assertThat(back.history().coin("bitcoin").latestPrice()).isEqualTo(state.history().coin("bitcoin").latestPrice());
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
