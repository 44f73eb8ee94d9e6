package io.marketsentinel.replay;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The text, the JSON and the chart count the guard's doubts the same way: in readings. */
class ReplayCountsTest {

    /** Two days of hourly totals with two identical glitch readings in a row (judged as one run) and one alone. */
    private static Replayer.Result replay() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,total_market_cap_usd\n");
        Instant start = Instant.parse("2026-01-10T00:00:00Z");
        for (int h = 0; h < 48; h++) {
            double total = 3.0e12 * (1 + 0.001 * Math.sin(h));
            if (h == 20 || h == 21 || h == 35) {
                total = 1.5e12; // a feed glitch: half the market for an hour
            }
            csv.append(String.format(Locale.ROOT, "%s,%.0f%n", start.plus(Duration.ofHours(h)), total));
        }
        HistoryCsv.Parsed parsed = HistoryCsv.read(new StringReader(csv.toString()), "glitches.csv");
        return new Replayer(ReplayScenarioTest.defaults(List.of("bitcoin"))).run(parsed.rows(), Optional.empty());
    }

    @Test
    void twoGlitchReadingsJudgedAsOneRunCountTwoEverywhere() throws Exception {
        Replayer.Result result = replay();
        assertThat(ReplayOutput.suspectRuns(result)).as("the precondition: two runs judged").containsEntry("DISCARDED", 2);

        assertThat(ReplayOutput.summaryLine(result)).endsWith("; 3 suspect reading(s) (discarded 3 in 2 runs)");
        ReplayOutput.Summary json = ReplayOutput.json(result).summary();
        assertThat(json.suspects()).containsEntry("HELD", 3).containsEntry("DISCARDED", 3);
        assertThat(json.suspectRuns()).containsEntry("DISCARDED", 2);
        JFreeChart chart = ChartRenderer.chart(result);
        List<String> subtitles = chart.getSubtitles().stream().filter(TextTitle.class::isInstance)
                .map(t -> ((TextTitle) t).getText()).toList();
        assertThat(subtitles).anyMatch(t -> t.startsWith("3 readings the plausibility guard discarded are left out"));
    }
}
