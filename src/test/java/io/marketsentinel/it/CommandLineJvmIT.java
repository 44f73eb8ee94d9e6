package io.marketsentinel.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged runner jar as a user meets it: a process, its exit code, its stdout and stderr. */
class CommandLineJvmIT {

    @TempDir
    Path dir;

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsentinel.store.file.path=" + dir.resolve("state.json"), "-jar",
                Path.of("target/market-sentinel-runner.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove("AWS_LAMBDA_RUNTIME_API");
        Process p = builder.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ended by itself").isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    private Path csv(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void withNoArgumentsOffLambdaItPrintsUsageAndFailsInsteadOfWaitingForever() throws Exception {
        Run r = run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("not on Lambda (AWS_LAMBDA_RUNTIME_API is not set)").contains("usage: market-sentinel");
    }

    @Test
    void everyBadRowIsReportedAsASentenceWithoutAStackTrace() throws Exception {
        Path bad = csv("bad.csv", "timestamp,total_market_cap_usd,bitcoin_usd\n"
                + "2026-01-01T00:00:00Z,3e12,x\n2026-01-02T00:00:00Z,3e12\n2026-01-03T00:00:00Z,-1,60000\n");
        Run r = run("replay", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("replay failed: " + bad + ": 3 problems")
                .contains("line 2, column 'bitcoin_usd', value 'x': not a number")
                .contains("line 3: has 2 cells, the header 3")
                .doesNotContain("\tat io.").doesNotContain("nothing imported or stored");
    }

    @Test
    void anImportedColumnForACoinThatIsNotWatchedIsAWarningNamingIt() throws Exception {
        Path file = csv("eth.csv", "timestamp,bitcoin_usd,eth_usd\n2025-01-01,94000,3300\n2025-01-02,95000,3350\n");
        Run r = run("import", file.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("warning: column 'eth_usd' is coin 'eth', which is not watched (sentinel.coins = bitcoin)");
        assertThat(r.stdout()).contains("bitcoin: 2 day(s) added").contains("eth: 2 day(s) added");
    }

    @Test
    void aReplayOfDailyClosesWarnsThatTheConfirmationIsADayAndPrintsDurationsAsConfigured() throws Exception {
        StringBuilder text = new StringBuilder("timestamp,total_market_cap_usd\n");
        LocalDate day = LocalDate.parse("2025-01-01");
        for (int i = 0; i < 40; i++) {
            text.append(day.plusDays(i)).append(',').append(3.0e12 + i * 1e9).append('\n');
        }
        Run r = run("replay", csv("daily.csv", text.toString()).toString(), "--format", "json");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("warning: the totals are 1d apart, wider than the drawdown rule's 'for' (15m)")
                .contains("--for PT0S");
        assertThat(r.stdout()).contains("\"drawdownWindow\" : \"P7D\"").contains("\"lowMinAge\" : \"P90D\"");
    }
}
