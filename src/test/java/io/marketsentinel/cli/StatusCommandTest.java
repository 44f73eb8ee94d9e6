package io.marketsentinel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.check.StatusReport;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.notify.Notifications;
import io.marketsentinel.notify.console.ConsoleNotifier;
import io.marketsentinel.store.StateCodec;
import io.marketsentinel.store.file.FileStateStore;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** status on a state the previous release wrote: two firing alerts, a pending Slack post, a dead letter. */
class StatusCommandTest {

    @TempDir
    Path dir;

    /** A quarter of an hour after the stored state's last check: on time. */
    private Instant now = Instant.parse("2026-11-24T08:32:00Z");

    private CommandRun status(String... args) {
        FileStateStore store = new FileStateStore(dir.resolve("state.json"), new StateCodec());
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(new ConsoleNotifier()), Duration.ofDays(1),
                Clock.systemUTC());
        // The status use case at its seam: this release's reading of the stored state, the channels as configured.
        MarketCheck check = Mockito.mock(MarketCheck.class);
        Mockito.when(check.status()).thenAnswer(call -> StatusReport.read(store, dispatcher.channels(), now,
                Duration.ofMinutes(15)));
        return CommandRun.of(new StatusCommand(check, new ObjectMapper().registerModule(new JavaTimeModule())), args);
    }

    @Test
    void listsEveryAlertWhatIsOwedAndTheDeadLetters() throws Exception {
        Files.copy(Path.of("src/test/resources/state/state-format-1.json"), dir.resolve("state.json"));
        byte[] before = Files.readAllBytes(dir.resolve("state.json"));

        CommandRun run = status();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("version 57").contains("last check 2026-11-24 08:17 UTC")
                .containsPattern("coin-low:bitcoin +firing +since 2026-11-24 08:17 UTC  Bitcoin at \\$60,000.00, lowest since 2026-06-27")
                .containsPattern("market-drawdown +firing +since 2026-11-24 08:17 UTC  Crypto market down \\$1,514.7B")
                .contains("to deliver: console 0, slack 1 (no longer configured: dead-lettered after the usual limit)")
                .contains("dead letters: 1");
        assertThat(Files.readAllBytes(dir.resolve("state.json"))).as("status changes nothing").isEqualTo(before);
        assertThat(run.out()).as("15 minutes after it: on time").doesNotContain("LATE");
    }

    /** A dead man's switch: no check for more than two of the schedule's intervals reads as late, in words and in JSON. */
    @Test
    void aLastCheckOlderThanTwoIntervalsIsLate() throws Exception {
        Files.copy(Path.of("src/test/resources/state/state-format-1.json"), dir.resolve("state.json"));
        now = Instant.parse("2026-11-24T08:48:00Z");

        CommandRun text = status();
        CommandRun json = status("--format", "json");

        assertThat(text.out()).contains("last check 2026-11-24 08:17 UTC (LATE: none since, and the schedule runs every 15m");
        assertThat(new ObjectMapper().readTree(json.out()).path("lastRunLate").asBoolean()).isTrue();
        assertThat(new ObjectMapper().readTree(json.out()).path("expectedEvery").asText()).isEqualTo("PT15M");
    }

    @Test
    void aSendCutWithItsOutcomeUnknownIsShownAsSuch() {
        Notification n = Notifications.drawdown("market-drawdown/1/1");
        n = n.withChannel("slack", n.channels().get("slack").unknown(Instant.parse("2026-02-04T12:00:05Z"),
                "outcome unknown: Slack webhook did not answer within 10000 ms"));
        new FileStateStore(dir.resolve("state.json"), new StateCodec())
                .save(SentinelState.initial().withOutbox(Outbox.empty().add(List.of(n))), 0);

        CommandRun run = status();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("outcome unknown (sent again next run, with the same id): market-drawdown/1/1 \u2192 slack");
    }

    @Test
    void jsonIsTheStatusRoutesAnswer() throws Exception {
        Files.copy(Path.of("src/test/resources/state/state-format-1.json"), dir.resolve("state.json"));

        CommandRun run = status("--format", "json");

        assertThat(run.exit()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).path("alerts")).hasSize(2);
        assertThat(new ObjectMapper().readTree(run.out()).path("version").asLong()).isEqualTo(57);
    }

    @Test
    void anEmptyStoreSaysNoCheckHasRun() {
        CommandRun run = status();

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("nothing stored yet in file " + dir.resolve("state.json") + " (no check has run)\n");
        assertThat(dir.resolve("state.json")).doesNotExist();
    }
}
