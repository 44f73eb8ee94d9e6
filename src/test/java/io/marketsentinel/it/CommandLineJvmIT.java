package io.marketsentinel.it;

import io.marketsentinel.replay.SyntheticMarket;
import io.marketsentinel.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged runner jar as a user meets it: a process, its exit code, its stdout and stderr. */
class CommandLineJvmIT {

    private static final String SHIPPED = Path.of("src/test/resources/replay/crash-2026.csv").toAbsolutePath().toString();

    @TempDir
    Path dir;

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** The runner jar with {@code env} added to a clean environment (no Lambda, no SENTINEL_ settings of the machine's). */
    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsentinel.store.file.path=" + dir.resolve("state.json"), "-jar",
                Path.of("target/market-sentinel-runner.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove("AWS_LAMBDA_RUNTIME_API");
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_"));
        builder.environment().putAll(env);
        Process p = builder.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ended by itself").isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    /** The silence and secrets commands as the jar builds them (CDI beans with their collaborators). */
    @Test
    void theSilenceAndSecretsCommandsRunInThePackagedJar() throws Exception {
        Run list = run("silence", "list");
        Run added = run("silence", "add", "--rule", "coin-low", "--for", "2h", "--comment", "from the IT");
        Run listed = run("silence", "list");
        Run noArn = run("secrets", "set", "sentinel.notify.slack.webhook-url");

        assertThat(list.exit()).as(list.stderr()).isZero();
        assertThat(list.stdout()).isEqualTo("no silences\n");
        assertThat(added.exit()).as(added.stderr()).isZero();
        assertThat(listed.stdout()).contains("coin-low").contains("active").contains("from the IT");
        assertThat(noArn.exit()).isEqualTo(2);
        assertThat(noArn.stderr()).startsWith("which secret? give --secret-arn");
    }

    /** {@code bin/market-sentinel}: the jar with the JVM options of a short run, its class archive written once per build. */
    @Test
    void theLauncherRunsTheJarAndWritesItsClassArchiveOnceThenMapsIt() throws Exception {
        Path archive = Path.of("target/market-sentinel-cli.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        Path launcher = Path.of("bin/market-sentinel").toAbsolutePath();

        Run first = launch(launcher, "status");
        assertThat(archive).as("written by the first run").exists();
        Run second = launch(launcher, "status");
        Run version = launch(launcher, "--version");

        for (Run run : List.of(first, second)) {
            assertThat(run.exit()).as(run.stderr()).isZero();
            assertThat(run.stdout()).startsWith("nothing stored yet in file");
            assertThat(run.stderr()).as("no class-sharing chatter").isEmpty();
        }
        assertThat(version.stdout()).startsWith("market-sentinel ");
    }

    private Run launch(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove("AWS_LAMBDA_RUNTIME_API");
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_"));
        builder.environment().put("SENTINEL_STORE_FILE_PATH", dir.resolve("state.json").toString());
        Process p = builder.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command ended by itself").isTrue();
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
        assertThat(r.stderr()).contains("not on Lambda (AWS_LAMBDA_RUNTIME_API is not set)").contains("Usage: market-sentinel [-hV] [--debug] [COMMAND]");
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

    @Test
    void everyCommandHasHelpAndTheJarItsVersion() throws Exception {
        for (String command : List.of("check", "replay", "import", "status")) {
            Run help = run(command, "--help");
            assertThat(help.exit()).as(command + " --help: " + help.stderr()).isZero();
            assertThat(help.stdout()).startsWith("Usage: market-sentinel " + command);
        }
        Run top = run("--help");
        assertThat(top.stdout()).contains("check").contains("replay").contains("import").contains("status");
        Run version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.stdout()).containsPattern("^market-sentinel \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void aBadOptionIsOneLineNamingItThenTheSynopsisAndExit2() throws Exception {
        Run r = run("replay", SHIPPED, "--window", "7x");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr().lines().findFirst()).hasValue("Invalid value for option '--window': '7x' is not a duration "
                + "(write it as in the configuration: 7d, 15m, P7D or PT15M)");
        assertThat(r.stderr()).contains("Usage: market-sentinel replay").doesNotContain("\tat ");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void anUnknownCommandSuggestsTheRightOne() throws Exception {
        Run r = run("chek");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("'chek'").contains("Did you mean: market-sentinel check");
    }

    @Test
    void theChartPathIsCheckedBeforeTheTimelinePrints() throws Exception {
        Run gif = run("replay", SHIPPED, "--chart", "x.gif");
        Run missingFolder = run("replay", SHIPPED, "--chart", "no/such/folder/x.png");

        assertThat(gif.exit()).isEqualTo(2);
        assertThat(gif.stderr()).startsWith("Invalid value for option '--chart': 'x.gif' must end in .svg or .png");
        assertThat(missingFolder.exit()).isEqualTo(2);
        assertThat(missingFolder.stderr()).startsWith("Invalid value for option '--chart': 'no/such/folder/x.png' is in a folder "
                + "that does not exist");
        assertThat(gif.stdout() + missingFolder.stdout()).isEmpty();
        assertThat(gif.stderr() + missingFolder.stderr()).doesNotContain("Failed to start").doesNotContain("\tat ");
    }

    @Test
    void aBadConfigurationValueIsOneSentenceAndDebugShowsTheTrace() throws Exception {
        Map<String, String> env = Map.of("SENTINEL_RULES_DRAWDOWN_PERCENT", "fifteen");

        Run plain = run(env, "status");
        Run debug = run(env, "status", "--debug");

        assertThat(plain.exit()).isEqualTo(1);
        assertThat(plain.stderr()).isEqualTo("configuration error: sentinel.rules.drawdown.percent "
                + "(SENTINEL_RULES_DRAWDOWN_PERCENT) is 'fifteen': not a number\n");
        assertThat(plain.stdout()).isEmpty();
        assertThat(debug.exit()).isEqualTo(1);
        assertThat(debug.stderr()).startsWith(plain.stderr()).contains("\tat ");
        assertThat(dir.resolve("state.json")).doesNotExist();
    }

    @Test
    void missingMailSettingsAreNamedOneLineEach() throws Exception {
        Run r = run(Map.of("SENTINEL_NOTIFY_EMAIL_TO", "ops@example.com"), "status");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr().lines().toList()).containsExactly(
                "configuration error: sentinel.notify.email.from (SENTINEL_NOTIFY_EMAIL_FROM) is required when "
                        + "sentinel.notify.email.to is set",
                "configuration error: sentinel.notify.email.smtp.host (SENTINEL_NOTIFY_EMAIL_SMTP_HOST) is required when "
                        + "sentinel.notify.email.to is set");
    }

    @Test
    void aMistypedSecretIsNamedButNeverShownEvenWithDebug() throws Exception {
        Map<String, String> env = Map.of("SENTINEL_TRIGGER_TOKEN", "S3cretToken ",
                "SENTINEL_NOTIFY_SLACK_WEBHOOK_URL", "https:/hooks.slack.com/services/T0/B0/S3cretHook");

        for (Run r : List.of(run(env, "status"), run(env, "status", "--debug"))) {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.stderr()).contains("configuration error: sentinel.trigger.token (SENTINEL_TRIGGER_TOKEN) has leading "
                            + "or trailing whitespace")
                    .contains("configuration error: sentinel.notify.slack.webhook-url (SENTINEL_NOTIFY_SLACK_WEBHOOK_URL) "
                            + "must be an http(s) URL")
                    .doesNotContain("S3cret");
        }
    }

    @Test
    void statusShowsWhatImportStored() throws Exception {
        Path file = csv("h.csv", "timestamp,bitcoin_usd\n2025-01-01,94000\n2025-01-02,95000\n");
        assertThat(run("import", file.toString()).exit()).isZero();

        Run r = run("status");

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("state: file " + dir.resolve("state.json") + ", version 1")
                .contains("alerts: none").contains("dead letters: 0");
    }

    @Test
    void aCheckThatCannotReachCoinGeckoSaysSoAndStoresNothing() throws Exception {
        int closed = Loopback.freePort();

        Run r = run(Map.of("SENTINEL_COINGECKO_BASE_URL", "http://127.0.0.1:" + closed + "/api/v3"), "check");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("check failed: ").contains("(nothing stored)").doesNotContain("\tat ");
        assertThat(dir.resolve("state.json")).doesNotExist();
    }

    @Test
    void aLongReplayShowsProgressWhenAskedAndNotIntoAFile() throws Exception {
        Path file = csv("synthetic.csv", SyntheticMarket.csv());

        Run asked = run("replay", file.toString(), "--progress");
        Run redirected = run("replay", file.toString());

        assertThat(asked.exit()).as(asked.stderr()).isZero();
        assertThat(asked.stderr()).contains("replaying: 1,000 of 14,592 rows").contains("replayed 14,592 rows in");
        assertThat(redirected.exit()).isZero();
        assertThat(redirected.stderr()).as("stderr is a file here, not a terminal").doesNotContain("replaying");
        assertThat(redirected.stdout()).isEqualTo(asked.stdout());
    }
}
