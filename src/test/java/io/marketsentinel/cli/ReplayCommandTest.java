package io.marketsentinel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** replay's options, in-process with the jar's error handling: checked first, typed as the configuration is. */
class ReplayCommandTest {

    private static final Path SHIPPED = Path.of("src/test/resources/replay/crash-2026.csv");

    @TempDir
    Path dir;

    private CommandRun replay(String... args) {
        return CommandRun.of(new ReplayCommand(DefaultSettings.config(Map.of()),
                new ObjectMapper().registerModule(new JavaTimeModule())), args);
    }

    @Test
    void durationsAreWrittenAsInTheConfiguration() {
        CommandRun run = replay(SHIPPED.toString(), "--window", "7d", "--for", "15m", "--min-age", "90d", "--format", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"drawdownWindow\" : \"P7D\"").contains("\"drawdownFor\" : \"PT15M\"")
                .contains("\"lowMinAge\" : \"P90D\"");
    }

    @Test
    void aBadDurationIsOneLineNamingTheOptionAndTheValueThenTheSynopsis() {
        CommandRun run = replay(SHIPPED.toString(), "--window", "7x");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().findFirst()).hasValue("Invalid value for option '--window': '7x' is not a duration "
                + "(write it as in the configuration: 7d, 15m, P7D or PT15M)");
        assertThat(run.err()).contains("Usage: replay").contains("Try 'replay --help' for more information.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theChartsFormatAndFolderAreCheckedBeforeTheReplayRuns() {
        CommandRun gif = replay(SHIPPED.toString(), "--chart", dir.resolve("x.gif").toString());
        CommandRun nowhere = replay(SHIPPED.toString(), "--chart", dir.resolve("missing/x.png").toString());

        assertThat(gif.exit()).isEqualTo(2);
        assertThat(gif.err()).startsWith("Invalid value for option '--chart': '" + dir.resolve("x.gif") + "' must end in .svg or .png");
        assertThat(nowhere.exit()).isEqualTo(2);
        assertThat(nowhere.err()).startsWith("Invalid value for option '--chart': '" + dir.resolve("missing/x.png")
                + "' is in a folder that does not exist (" + dir.resolve("missing") + ")");
        assertThat(gif.out() + nowhere.out()).as("no timeline printed before the refusal").isEmpty();
    }

    @Test
    void aThresholdOutOfRangeIsRefusedAsTheConfigurationWouldBe() {
        CommandRun run = replay(SHIPPED.toString(), "--percent", "150");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--percent': '150' must be above 0 and below 100");
    }

    /** A backtest of a mute: what the silence would have hidden is in the timeline, marked, and not sent. */
    @Test
    void silencesFromAFileHideWhatTheyMatchAndTheTimelineShowsIt() throws Exception {
        CommandRun plain = replay(SHIPPED.toString());
        Path silences = dir.resolve("silences.json");
        Files.writeString(silences, "[{\"id\": \"s-crash\", \"rule\": \"market-drawdown\", "
                + "\"startsAt\": \"2026-02-01T00:00:00Z\", \"endsAt\": \"2026-02-06T00:00:00Z\", \"comment\": \"known\"}]");

        CommandRun muted = replay(SHIPPED.toString(), "--silences", silences.toString());

        assertThat(plain.out()).containsPattern("market-drawdown +- +NEW");
        assertThat(muted.exit()).as(muted.err()).isZero();
        assertThat(muted.out())
                .containsPattern("2026-02-04 08:00 UTC  market-drawdown +- +SILENCED +Crypto market down .* \\(silenced by "
                        + "s-crash \\(a NEW muted\\): not sent\\)")
                .as("told once the silence has ended, as it still holds")
                .containsPattern("2026-02-06 00:00 UTC  market-drawdown +- +NEW")
                .containsPattern("coin-low +bitcoin +NEW")
                .contains("; 1 silenced");
        assertThat(muted.out().lines().filter(l -> l.contains("UTC  market-drawdown") && l.contains("NEW") && !l.contains("SILENCED")))
                .as("nothing said while muted").hasSize(1);
    }

    @Test
    void aSilencesFileThatIsNotAListOfSilencesIsRefusedFirst() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"rule\": \"coin-low\", \"startsAt\": \"yesterday\"}]");

        CommandRun run = replay(SHIPPED.toString(), "--silences", bad.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--silences': '" + bad + "' entry 1 has no ISO-8601 startsAt");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void fromTakesADateAsTheCsvDoes() {
        CommandRun run = replay(SHIPPED.toString(), "--from", "2026-02-03");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("(checks from 2026-02-03 00:00 UTC)");
    }

    @Test
    void aStartAfterTheLastRowIsSaidPlainly() {
        CommandRun run = replay(SHIPPED.toString(), "--from", "2030-01-01", "--chart", dir.resolve("c.png").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("replay failed: --from 2030-01-01T00:00:00Z is after the file's last row "
                + "(2026-02-08T23:00:00Z): there would be nothing to check");
        assertThat(dir.resolve("c.png")).doesNotExist();
    }

    @Test
    void progressIsShownWhenAskedAndNotForAShortReplay() {
        CommandRun asked = replay(SHIPPED.toString(), "--progress");
        CommandRun byDefault = replay(SHIPPED.toString());

        assertThat(asked.exit()).isZero();
        assertThat(asked.err()).contains("replaying: 1,000 of 1,868 rows (53%)").contains("replayed 1,868 rows in");
        assertThat(byDefault.exit()).isZero();
        assertThat(byDefault.err()).doesNotContain("replaying").doesNotContain("replayed");
    }

    @Test
    void aBadFileIsTheReplaysOwnFailure() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "timestamp,bitcoin_usd\n2026-01-01,x\n");

        CommandRun run = replay(bad.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("replay failed: " + bad + ": line 2, column 'bitcoin_usd', value 'x': not a number")
                .doesNotContain("nothing imported").doesNotContain("\tat ");
    }
}
