package io.marketsentinel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.marketsentinel.replay.SyntheticMarket;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code replay --sweep}: each combination is exactly the single replay with those options, and bad sweeps are refused first. */
class SweepTest {

    /** As Quarkus' mapper writes times: ISO-8601. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    static Path dir;
    private static Path synthetic;

    @BeforeAll
    static void writeTheSyntheticMarket() throws Exception {
        synthetic = dir.resolve("synthetic-20-months.csv");
        Files.writeString(synthetic, SyntheticMarket.csv(), StandardCharsets.UTF_8);
    }

    private static CommandRun replay(String... args) {
        return CommandRun.of(new ReplayCommand(DefaultSettings.config(Map.of()), JSON), args);
    }

    /** A single replay's notifications as the sweep lists them: time, id, kind. */
    private static List<String> single(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(synthetic.toString(), "--format", "json"));
        args.addAll(List.of(options));
        CommandRun run = replay(args.toArray(new String[0]));
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> sent = new ArrayList<>();
        for (JsonNode n : JSON.readTree(run.out()).path("notifications")) {
            sent.add(n.path("time").asText() + " " + n.path("id").asText() + " " + n.path("kind").asText());
        }
        return sent;
    }

    @Test
    void everyCombinationSendsWhatTheSingleReplayWithItsOptionsSends() throws Exception {
        CommandRun run = replay(synthetic.toString(), "--sweep", "percent=10,15", "--sweep", "window=1d,7d",
                "--expect", "2024-08-05,2026-02-04,2025-01-01", "--format", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode outcomes = JSON.readTree(run.out());
        assertThat(outcomes).hasSize(4);
        for (JsonNode outcome : outcomes) {
            String percent = outcome.at("/options/percent").asText();
            String window = outcome.at("/options/window").asText();
            List<String> swept = new ArrayList<>();
            outcome.path("sent").forEach(s -> swept.add(s.asText()));
            assertThat(swept).as("percent=%s window=%s", percent, window)
                    .isNotEmpty().containsExactlyElementsOf(single("--percent", percent, "--window", window));
            assertThat(outcome.path("notifications").asInt()).isEqualTo(swept.size());
        }
        JsonNode fifteenSevenDays = outcomes.get(3);
        assertThat(fifteenSevenDays.path("options").toString()).isEqualTo("{\"percent\":\"15\",\"window\":\"7d\"}");
        assertThat(fifteenSevenDays.at("/expected/2024-08-05").asBoolean()).as("the August crash is caught").isTrue();
        assertThat(fifteenSevenDays.at("/expected/2026-02-04").asBoolean()).as("the February crash is caught").isTrue();
    }

    @Test
    void theTextIsALinePerCombinationWithTheExpectedDays() {
        CommandRun run = replay(synthetic.toString(), "--sweep", "percent=12.5,20", "--expect", "2024-08-05");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(3);
        assertThat(run.out()).startsWith("sweep: 2 combination(s) over 14592 rows")
                .containsPattern("percent=12.5 +\\d+ notification\\(s\\); coin-low: .*; expected \\d/1 2024-08-05 (yes|MISSED)")
                .contains("percent=20 ");
    }

    @Test
    void aKeyThatIsNotAReplayOptionOrAValueThatDoesNotParseIsRefusedBeforeAnyWork() {
        CommandRun colour = replay(synthetic.toString(), "--sweep", "colour=red");
        CommandRun window = replay(synthetic.toString(), "--sweep", "window=1d,7x");
        CommandRun percent = replay(synthetic.toString(), "--sweep", "percent=10,150");
        CommandRun day = replay(synthetic.toString(), "--expect", "2024-13-45");
        CommandRun chart = replay(synthetic.toString(), "--sweep", "percent=10,15", "--chart", dir.resolve("s.png").toString());

        assertThat(List.of(colour, window, percent, day, chart)).allSatisfy(run -> {
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.out()).as("nothing replayed").isEmpty();
        });
        assertThat(colour.err()).startsWith("Invalid value for option '--sweep': 'colour=red' does not sweep a replay "
                + "option: sweep one of percent, window, for, usd, min-age, as KEY=V1,V2");
        assertThat(window.err()).startsWith("Invalid value for option '--window': '7x' is not a duration (write it as in "
                + "the configuration: 7d, 15m, P7D or PT15M) (in --sweep)");
        assertThat(percent.err()).startsWith("Invalid value for option '--percent': '150' must be above 0 and below 100 (in --sweep)");
        assertThat(day.err()).startsWith("Invalid value for option '--expect' (DAY,…): '2024-13-45' is not a day (write it as 2024-08-05)");
        assertThat(chart.err()).startsWith("Invalid value for option '--chart'").contains("draws one replay");
    }
}
