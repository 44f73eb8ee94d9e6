package io.marketsentinel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.Silence;
import io.marketsentinel.alerting.Silences;
import io.marketsentinel.app.RuleSettings;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.replay.ChartWriter;
import io.marketsentinel.replay.CsvFormatException;
import io.marketsentinel.replay.HistoryCsv;
import io.marketsentinel.replay.ReplayOutput;
import io.marketsentinel.replay.Replayer;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/**
 * {@code replay FILE.csv}: backtests the rules, with the configured thresholds unless an option
 * overrides them, fully offline. Every option is checked (the chart's path and format too) before
 * the file is read.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Backtest the rules on a history CSV, offline: the same history, rules, ledger and outbox code "
                + "as the function, with time taken from the rows. Prints the timeline (or JSON) and can draw a chart. "
                + "Thresholds are the configured ones unless an option overrides them.")
public class ReplayCommand implements Callable<Integer> {

    /** Replays longer than this show their progress (on a terminal). */
    static final int PROGRESS_FROM_ROWS = 5_000;

    private final SentinelConfig config;
    private final ObjectMapper mapper;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.csv", description = "timestamp, total_market_cap_usd and <coin-id>_usd columns; "
            + "an empty cell means no observation.")
    Path file;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "A timeline with a summary (text), or one JSON document (json). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--chart", paramLabel = "FILE.svg|FILE.png", description = "Also draw the replay to this file.")
    Path chart;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeOption.class,
            description = "Rows before this time only build history (2026-01-01, 2026-01-01T00:00:00Z or Unix time).")
    Instant from;

    @Option(names = "--percent", paramLabel = "N", description = "Drawdown threshold in percent (sentinel.rules.drawdown.percent).")
    Double percent;

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Drawdown window, e.g. 7d or P7D (sentinel.rules.drawdown.window).")
    Duration window;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationOption.class,
            description = "How long a drop must hold, e.g. 15m, PT15M or 0 (sentinel.rules.drawdown.for).")
    Duration holdFor;

    @Option(names = "--usd", paramLabel = "N", description = "Absolute drawdown threshold in USD (sentinel.rules.drawdown.usd).")
    Double usd;

    @Option(names = "--min-age", paramLabel = "DURATION", converter = DurationOption.class,
            description = "How far back a coin's low must reach, e.g. 90d (sentinel.rules.low.min-age).")
    Duration minAge;

    @Option(names = "--send-resolved", description = "Also notify when an episode ends.")
    boolean sendResolved;

    @Option(names = "--silences", paramLabel = "FILE.json",
            description = "Silences to honour, as GET /silences or silence list --format json gives them (rule, subject, "
                    + "startsAt, endsAt): the timeline shows what they would have hidden.")
    Path silencesFile;

    @Option(names = "--sweep", paramLabel = "KEY=V1,V2,…",
            description = "Replay every combination of these values over one read of the file (repeat it for more "
                    + "keys): percent, window, for, usd or min-age, each value as its option takes it, e.g. "
                    + "--sweep percent=10,12.5,15 --sweep window=1d,7d.")
    List<String> sweeps = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "DAY,…", split = ",", converter = DayOption.class,
            description = "Days (UTC) that should get an alert, e.g. 2024-08-05,2026-02-02: the sweep says whether each did.")
    List<LocalDate> expect = new ArrayList<>();

    @Option(names = "--progress", negatable = true,
            description = "Show progress on stderr. Default: for more than " + PROGRESS_FROM_ROWS
                    + " rows when stderr is a terminal.")
    Boolean progress;

    public ReplayCommand(SentinelConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public Integer call() throws IOException {
        checkOptions();
        Silences silences = silences();
        List<Sweep.Axis> axes = axes();
        if (!axes.isEmpty() || !expect.isEmpty()) {
            return sweep(axes, silences);
        }
        // Before the replay: where charts cannot be drawn (the native executable) nothing should run first.
        ChartWriter chartWriter = chart == null ? null : chartOrFailure();
        HistoryCsv.Parsed csv = read();
        Instant last = csv.rows().get(csv.rows().size() - 1).time();
        if (from != null && from.isAfter(last)) {
            throw new CommandFailure("replay failed: --from " + from + " is after the file's last row (" + last
                    + "): there would be nothing to check", null);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Replayer.Settings settings = settings(csv.coins()).withSilences(silences);
        ReplayOutput.sparseRowsWarning(csv.rows(), settings.drawdown().holdFor()).ifPresent(err::println);
        Replayer.Result result = new Replayer(settings)
                .run(csv.rows(), Optional.ofNullable(from), progress(csv.rows().size(), err));
        if (format == OutputFormat.json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(ReplayOutput.json(result)));
        } else {
            out.print(ReplayOutput.text(result));
        }
        out.flush();
        if (chartWriter != null) {
            try {
                chartWriter.write(result, chart);
            } catch (IOException e) {
                throw new CommandFailure("replay failed: the chart could not be written to " + chart + ": " + e.getMessage(), e);
            }
            (format == OutputFormat.json ? err : out).println("chart written to " + chart);
        }
        return 0;
    }

    /** {@code --sweep}: each combination replayed over one read of the file; a table (or JSON) of what each gave. */
    private int sweep(List<Sweep.Axis> axes, Silences silences) throws IOException {
        if (chart != null) {
            throw invalid("--chart", chart, "draws one replay: leave it out of a sweep and draw the combination you pick");
        }
        HistoryCsv.Parsed csv = read();
        List<Sweep.Combination> combinations = Sweep.combinations(axes);
        List<Sweep.Outcome> outcomes = Sweep.run(combinations, c -> swept(c).settings(csv.coins()).withSilences(silences),
                csv.rows(),
                Optional.ofNullable(from), expect);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(Sweep.json(outcomes)));
        } else {
            out.print(Sweep.text(outcomes, csv.rows().size()));
        }
        out.flush();
        return 0;
    }

    /**
     * {@code --silences FILE}: read and checked before any work, each entry as the state keeps a silence (an
     * id is made up where a hand-written file has none).
     */
    private Silences silences() {
        if (silencesFile == null) {
            return Silences.NONE;
        }
        JsonNode entries;
        try {
            entries = mapper.readTree(Files.readString(silencesFile));
        } catch (IOException e) {
            throw invalid("--silences", silencesFile, "cannot be read as JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (entries == null || !entries.isArray()) {
            throw invalid("--silences", silencesFile, "must hold a JSON array of silences, as GET /silences answers");
        }
        List<Silence> silences = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String at = "entry " + (i + 1);
            String rule = e.path("rule").asText("");
            if (rule.isEmpty()) {
                throw invalid("--silences", silencesFile, at + " has no rule");
            }
            Instant starts = instant(e, "startsAt", at);
            Instant ends = instant(e, "endsAt", at);
            silences.add(new Silence(e.path("id").asText("file-" + (i + 1)), rule,
                    e.hasNonNull("subject") ? e.get("subject").asText() : null, starts, ends,
                    e.hasNonNull("comment") ? e.get("comment").asText() : null, starts));
        }
        return new Silences(silences);
    }

    private Instant instant(JsonNode entry, String field, String at) {
        try {
            return Instant.parse(entry.path(field).asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid("--silences", silencesFile, at + " has no ISO-8601 " + field + " (2026-02-05T08:00:00Z)");
        }
    }

    /**
     * Each {@code --sweep KEY=V1,V2}, every value read and checked as its own option reads and checks it (the
     * same messages), before any work.
     */
    private List<Sweep.Axis> axes() {
        List<Sweep.Axis> axes = new ArrayList<>();
        for (String sweep : sweeps) {
            int eq = sweep.indexOf('=');
            String key = eq < 0 ? sweep : sweep.substring(0, eq);
            if (!Sweep.KEYS.contains(key)) {
                throw invalid("--sweep", sweep, "does not sweep a replay option: sweep one of " + String.join(", ", Sweep.KEYS)
                        + ", as KEY=V1,V2");
            }
            if (eq < 0 || sweep.substring(eq + 1).isBlank()) {
                throw invalid("--sweep", sweep, "has no values: write " + key + "=V1,V2");
            }
            if (axes.stream().anyMatch(a -> a.key().equals(key))) {
                throw invalid("--sweep", sweep, "sweeps " + key + " a second time: give all its values at once");
            }
            List<String> values = List.of(sweep.substring(eq + 1).split(",", -1));
            for (String value : values) {
                swept(new Sweep.Combination(Map.of(key, value.strip())));
            }
            axes.add(new Sweep.Axis(key, values.stream().map(String::strip).toList()));
        }
        return axes;
    }

    /**
     * This command with a combination's values in place of its own: read by a second command of the same
     * kind, so that each value is converted and checked as the option itself would (and refused with its
     * words); what the combination does not sweep is this command's.
     */
    private ReplayCommand swept(Sweep.Combination combination) {
        ReplayCommand probe = new ReplayCommand(config, mapper);
        List<String> args = new ArrayList<>(List.of(String.valueOf(file)));
        combination.options().forEach((key, value) -> args.add("--" + key + "=" + value));
        try {
            new CommandLine(probe).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(new String[0]));
            probe.checkOptions();
        } catch (CommandLine.ParameterException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + " (in --sweep)");
        }
        probe.percent = probe.percent != null ? probe.percent : percent;
        probe.window = probe.window != null ? probe.window : window;
        probe.holdFor = probe.holdFor != null ? probe.holdFor : holdFor;
        probe.usd = probe.usd != null ? probe.usd : usd;
        probe.minAge = probe.minAge != null ? probe.minAge : minAge;
        probe.sendResolved = sendResolved;
        return probe;
    }

    private HistoryCsv.Parsed read() {
        try {
            return HistoryCsv.read(file);
        } catch (CsvFormatException | IOException | IllegalArgumentException e) {
            throw new CommandFailure("replay failed: " + e.getMessage(), e);
        }
    }

    private static ChartWriter chartOrFailure() {
        try {
            return ChartWriter.load();
        } catch (IllegalStateException e) {
            throw new CommandFailure("replay failed: " + e.getMessage(), e);
        }
    }

    /** Every option, checked as the configuration check checks the keys they override, before any work. */
    private void checkOptions() {
        if (percent != null && !(percent > 0 && percent < 100)) {
            throw invalid("--percent", percent, "must be above 0 and below 100");
        }
        if (usd != null && !(usd > 0)) {
            throw invalid("--usd", usd, "must be positive");
        }
        if (window != null && window.isZero()) {
            throw invalid("--window", window, "must be longer than zero");
        }
        if (minAge != null && minAge.toDays() < 1) {
            throw invalid("--min-age", minAge, "must be at least one day");
        }
        checkChartPath();
    }

    /** The configured rules with this command line's overrides; coin lows for the file's coins. */
    Replayer.Settings settings(List<String> coins) {
        Replayer.Settings configured = RuleSettings.replay(config, coins);
        MarketDrawdownRule.Settings d = configured.drawdown();
        MarketDrawdownRule.Settings drawdown = new MarketDrawdownRule.Settings(window != null ? window : d.window(),
                percent != null ? percent : d.percent(), usd != null ? OptionalDouble.of(usd) : d.usd(),
                holdFor != null ? holdFor : d.holdFor(), d.escalationStep(), d.resolveRatio(),
                sendResolved || d.sendResolved());
        CoinLowRule.Settings low = configured.low();
        CoinLowRule.Settings lows = new CoinLowRule.Settings(coins, minAge != null ? minAge : low.minAge(),
                low.escalationDays(), low.recoveryPercent(), sendResolved || low.sendResolved(), low.staleAfter(),
                low.newsPercent());
        return new Replayer.Settings(configured.rules().withDrawdown(drawdown).withLow(lows), configured.repeatInterval(),
                configured.guard());
    }

    /** Where the chart goes is checked before the replay runs, not found wrong after the timeline has printed. */
    private void checkChartPath() {
        if (chart == null) {
            return;
        }
        String name = chart.getFileName() == null ? "" : chart.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw invalid("--chart", chart, "must end in .svg or .png");
        }
        Path folder = chart.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw invalid("--chart", chart, "is in a folder that does not exist (" + folder + ")");
        }
        if (Files.isDirectory(chart)) {
            throw invalid("--chart", chart, "is a folder");
        }
        if (!Files.isWritable(folder) || (Files.exists(chart) && !Files.isWritable(chart))) {
            throw invalid("--chart", chart, "cannot be written");
        }
    }

    /** An option's value refused, quoted as the user typed it. */
    private CommandLine.ParameterException invalid(String option, Object value, String why) {
        List<String> typed = spec.findOption(option).originalStringValues();
        String shown = typed.isEmpty() ? String.valueOf(value) : typed.get(typed.size() - 1);
        return new CommandLine.ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': '" + shown + "' " + why);
    }

    private Replayer.Progress progress(int rows, PrintWriter err) {
        boolean show = progress != null ? progress : rows > PROGRESS_FROM_ROWS && Terminal.stderrIsTerminal();
        return show ? new ProgressLine(err) : Replayer.Progress.NONE;
    }
}
