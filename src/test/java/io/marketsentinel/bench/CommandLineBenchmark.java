package io.marketsentinel.bench;

import io.marketsentinel.replay.SyntheticMarket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line as a user runs it ({@code java -jar target/market-sentinel-runner.jar …}), each
 * command five times under {@code /usr/bin/time -v}: wall time and peak RSS, min/median/max. The replay
 * is three years of quarter-hours (105,216 rows of the tests' synthetic market) with a PNG chart; the
 * sweep twelve combinations of it. Run by {@code ./mvnw -Pbench verify}; not a test.
 */
public final class CommandLineBenchmark {

    private static final Path JAR = Path.of("target/market-sentinel-runner.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("bin/market-sentinel").toAbsolutePath();
    private static final int RUNS = 5;
    private static final Pattern WALL = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (?:(\\d+):)?(\\d+):([\\d.]+)");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private CommandLineBenchmark() {
    }

    /** One command's runs: wall seconds and peak RSS in MB, sorted. */
    record Figures(String name, double[] seconds, double[] megabytes) {

        double medianSeconds() {
            return seconds[seconds.length / 2];
        }

        String line() {
            return String.format(Locale.ROOT, "%-34s wall %.2f / %.2f / %.2f s   peak RSS %.0f / %.0f / %.0f MB",
                    name, seconds[0], medianSeconds(), seconds[seconds.length - 1],
                    megabytes[0], megabytes[megabytes.length / 2], megabytes[megabytes.length - 1]);
        }
    }

    static Figures measure(String name, Path work, String... args) throws IOException, InterruptedException {
        return measure(name, work, List.of("java", "-jar", JAR.toString()), args);
    }

    /** The same through {@code bin/market-sentinel} (its class archive written by a run before these). */
    static Figures launched(String name, Path work, String... args) throws IOException, InterruptedException {
        return measure(name + " (bin/)", work, List.of("sh", LAUNCHER.toString()), args);
    }

    static Figures measure(String name, Path work, List<String> start, String... args) throws IOException, InterruptedException {
        double[] seconds = new double[RUNS];
        double[] megabytes = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v"));
            command.addAll(start);
            command.addAll(List.of(args));
            Path err = work.resolve("time.txt");
            // In the work folder: status reads the default store there (.sentinel/state.json, not yet written).
            Process p = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(work.resolve("out.txt").toFile())
                    .redirectError(err.toFile()).start();
            p.waitFor();
            String report = Files.readString(err, StandardCharsets.UTF_8);
            Matcher wall = WALL.matcher(report);
            Matcher rss = RSS.matcher(report);
            if (!wall.find() || !rss.find()) {
                throw new IllegalStateException(name + ": no /usr/bin/time figures in\n" + report);
            }
            double hours = wall.group(1) == null ? 0 : Double.parseDouble(wall.group(1));
            seconds[i] = hours * 3600 + Double.parseDouble(wall.group(2)) * 60 + Double.parseDouble(wall.group(3));
            megabytes[i] = Long.parseLong(rss.group(1)) / 1024.0;
        }
        Arrays.sort(seconds);
        Arrays.sort(megabytes);
        return new Figures(name, seconds, megabytes);
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of("target/bench-cli").toAbsolutePath());
        Path csv = work.resolve("three-years-quarter-hourly.csv");
        Files.writeString(csv, SyntheticMarket.threeYearsQuarterHourly(), StandardCharsets.UTF_8);
        List<Figures> all = new ArrayList<>();
        all.add(measure("--version", work, "--version"));
        all.add(measure("--help", work, "--help"));
        all.add(measure("status (file store)", work, "status"));
        Figures replay = measure("replay 105,216 rows + PNG chart", work, "replay", csv.toString(), "--chart",
                work.resolve("chart.png").toString());
        all.add(replay);
        all.add(measure("replay, SVG chart", work, "replay", csv.toString(), "--chart", work.resolve("chart.svg").toString()));
        Figures sweep = measure("sweep, 12 combinations", work, "replay", csv.toString(), "--sweep",
                "percent=10,12.5,15,20", "--sweep", "window=1d,3d,7d");
        all.add(sweep);
        // The launcher's archive, written by one run of each kind before it is measured.
        Files.deleteIfExists(Path.of("target/market-sentinel-cli.jsa"));
        launched("archive", work, "replay", csv.toString());
        Figures launchedVersion = launched("--version", work, "--version");
        all.add(launchedVersion);
        all.add(launched("status (file store)", work, "status"));
        Figures launchedReplay = launched("replay 105,216 rows + PNG chart", work, "replay", csv.toString(), "--chart",
                work.resolve("chart.png").toString());
        all.add(launchedReplay);
        all.add(launched("sweep, 12 combinations", work, "replay", csv.toString(), "--sweep",
                "percent=10,12.5,15,20", "--sweep", "window=1d,3d,7d"));
        System.out.println("command line, " + RUNS + " runs each, min / median / max:");
        all.forEach(f -> System.out.println("  " + f.line()));
        System.out.printf(Locale.ROOT, "  replay / --version (medians) %.1fx; sweep / replay %.1fx; SVG %,d bytes; PNG %,d bytes%n",
                replay.medianSeconds() / all.get(0).medianSeconds(), sweep.medianSeconds() / replay.medianSeconds(),
                Files.size(work.resolve("chart.svg")), Files.size(work.resolve("chart.png")));
        System.out.printf(Locale.ROOT, "  bin/market-sentinel: replay / --version (medians) %.1fx%n",
                launchedReplay.medianSeconds() / launchedVersion.medianSeconds());
    }
}
