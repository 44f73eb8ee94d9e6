package io.marketsentinel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.RuleFactory;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.replay.ChartWriter;
import io.marketsentinel.replay.HistoryCsv;
import io.marketsentinel.replay.ReplayOutput;
import io.marketsentinel.replay.Replayer;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code replay FILE.csv [--format text|json] [--chart FILE.svg|.png] [--from TIME] [--percent N]
 * [--window P7D] [--for PT15M] [--usd N] [--min-age P90D] [--send-resolved]}: backtests the rules,
 * with the configured thresholds unless a flag overrides them, fully offline.
 */
final class ReplayCommand {

    static final String USAGE = "replay FILE.csv [--format text|json] [--chart FILE.svg|FILE.png] [--from TIME]"
            + " [--percent N] [--window P7D] [--for PT15M] [--usd N] [--min-age P90D] [--send-resolved]";

    private final SentinelConfig config;
    private final ObjectMapper mapper;

    ReplayCommand(SentinelConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    int run(List<String> args, PrintStream out) throws IOException {
        Options o = Options.parse(args, config);
        HistoryCsv.Parsed csv = HistoryCsv.read(o.file);
        Replayer.Settings settings = new Replayer.Settings(o.drawdown,
                new CoinLowRule.Settings(csv.coins(), o.minAge, config.rules().low().escalationStep().toDays(),
                        config.rules().low().recoveryPercent(), o.sendResolved || config.rules().low().sendResolved(),
                        config.rules().low().staleAfter()),
                config.rules().repeatInterval(), RuleFactory.guard(config).settings());
        ReplayOutput.sparseRowsWarning(csv.rows(), o.drawdown.pendingFor()).ifPresent(System.err::println);
        Replayer.Result result = new Replayer(settings).run(csv.rows(), o.from);
        if (o.json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(ReplayOutput.json(result)));
        } else {
            out.print(ReplayOutput.text(result));
        }
        if (o.chart != null) {
            ChartWriter.load().write(result, o.chart);
            (o.json ? System.err : out).println("chart written to " + o.chart);
        }
        return 0;
    }

    /** The command line, checked whole before anything runs. */
    private static final class Options {
        Path file;
        boolean json;
        Path chart;
        Optional<Instant> from = Optional.empty();
        MarketDrawdownRule.Settings drawdown;
        Duration minAge;
        boolean sendResolved;

        static Options parse(List<String> args, SentinelConfig config) {
            Options o = new Options();
            SentinelConfig.Drawdown d = config.rules().drawdown();
            Duration window = d.window();
            double percent = d.percent();
            Duration holdFor = d.holdFor();
            OptionalDouble usd = d.usd();
            o.minAge = config.rules().low().minAge();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--")) {
                    if (o.file != null) {
                        throw new UsageException("one CSV file only; got '" + o.file + "' and '" + arg + "'");
                    }
                    o.file = Path.of(arg);
                    continue;
                }
                if (arg.equals("--send-resolved")) {
                    o.sendResolved = true;
                    continue;
                }
                if (i + 1 >= args.size()) {
                    throw new UsageException(arg + " needs a value");
                }
                String value = args.get(++i);
                switch (arg) {
                    case "--format" -> o.json = switch (value) {
                        case "json" -> true;
                        case "text" -> false;
                        default -> throw new UsageException("--format is text or json, not '" + value + "'");
                    };
                    case "--chart" -> o.chart = Path.of(value);
                    case "--from" -> o.from = Optional.of(instant(value));
                    case "--percent" -> percent = number(arg, value);
                    case "--usd" -> usd = OptionalDouble.of(number(arg, value));
                    case "--window" -> window = duration(arg, value);
                    case "--for" -> holdFor = duration(arg, value);
                    case "--min-age" -> o.minAge = duration(arg, value);
                    default -> throw new UsageException("unknown option " + arg);
                }
            }
            if (o.file == null) {
                throw new UsageException("which CSV file? " + USAGE);
            }
            if (!(percent > 0 && percent < 100)) {
                throw new UsageException("--percent must be above 0 and below 100");
            }
            o.drawdown = new MarketDrawdownRule.Settings(window, percent, usd, holdFor, d.escalationStep(),
                    d.resolveRatio(), o.sendResolved || d.sendResolved());
            return o;
        }

        private static double number(String option, String value) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " takes a number, not '" + value + "'");
            }
        }

        private static Duration duration(String option, String value) {
            try {
                Duration parsed = Duration.parse(value);
                if (parsed.isNegative()) {
                    throw new UsageException(option + " must not be negative");
                }
                return parsed;
            } catch (java.time.format.DateTimeParseException e) {
                throw new UsageException(option + " takes an ISO-8601 duration such as P7D or PT15M, not '" + value + "'");
            }
        }

        private static Instant instant(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new UsageException("--from takes an ISO-8601 time with a zone, such as 2026-01-01T00:00:00Z");
            }
        }
    }

    /** A command line that cannot be run; the message says why. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
