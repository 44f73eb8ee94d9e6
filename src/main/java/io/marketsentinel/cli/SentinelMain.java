package io.marketsentinel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.config.LambdaRuntime;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.replay.CsvFormatException;
import io.marketsentinel.store.BaselineStore;
import io.marketsentinel.market.MarketDataException;
import io.marketsentinel.store.StoreException;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The local entry point: {@code java -jar target/market-sentinel-runner.jar check [--dry-run]}
 * runs one real check and prints its report; {@code replay} and {@code import} work on history CSV. With no arguments (as the native executable is
 * started on Lambda's custom runtime) it only keeps the application up for the Lambda poll loop.
 */
@QuarkusMain
public class SentinelMain implements QuarkusApplication {

    static final String USAGE = """
            usage: market-sentinel check [--dry-run]
                   market-sentinel replay FILE.csv [--format text|json] [--chart FILE.svg|FILE.png] [--from TIME]
                                  [--percent N] [--window P7D] [--for PT15M] [--usd N] [--min-age P90D] [--send-resolved]
                   market-sentinel import FILE.csv
              check      fetch CoinGecko's totals, evaluate the rules, store the state and notify; prints the report
              --dry-run  fetch and evaluate only: nothing stored, nothing sent
              replay     backtest the rules on a history CSV, offline; prints the timeline (or JSON) and draws a chart
              import     merge a history CSV into the configured store (days already stored are kept)
            """;

    @Inject
    MarketCheck check;

    @Inject
    ObjectMapper mapper;

    @Inject
    SentinelConfig config;

    @Inject
    BaselineStore store;

    @Inject
    LambdaRuntime lambda;

    /** The mock event server Quarkus' own tests and dev mode poll instead of Lambda's Runtime API. */
    @ConfigProperty(name = "quarkus-internal.aws-lambda.test-api")
    Optional<String> mockEventServer;

    public static void main(String... args) {
        if (args.length > 0) {
            // A local command, not a Lambda start: priming would only cost time (and read the state).
            System.setProperty("sentinel.prime", "false");
        }
        Quarkus.run(SentinelMain.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        if (args.length == 0) {
            if (LaunchMode.current() == LaunchMode.NORMAL && lambda.runtimeApi().isEmpty() && mockEventServer.isEmpty()) {
                // Started by hand, not by Lambda: say how to use it rather than wait for invocations forever.
                System.err.println("no command given, and not on Lambda (AWS_LAMBDA_RUNTIME_API is not set)");
                return usage(System.err, 2);
            }
            Quarkus.waitForExit();
            return 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "check" -> check(rest);
            case "replay" -> local("replay failed: ", "", () -> new ReplayCommand(config, mapper).run(rest, System.out));
            case "import" -> local("import failed: ", " (nothing imported)",
                    () -> new ImportCommand(config, store).run(rest, System.out));
            case "help", "--help", "-h" -> usage(System.out, 0);
            default -> {
                System.err.println("unknown command '" + args[0] + "'");
                yield usage(System.err, 2);
            }
        };
    }

    private int check(List<String> options) throws Exception {
        boolean dryRun = false;
        for (String option : options) {
            if (option.equals("--dry-run")) {
                dryRun = true;
            } else {
                System.err.println("unknown option '" + option + "' for check");
                return usage(System.err, 2);
            }
        }
        try {
            CheckReport report = check.run(dryRun);
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return 0;
        } catch (MarketDataException | StoreException e) {
            System.err.println("check failed: " + e.getMessage() + " (nothing stored)");
            return 1;
        }
    }

    /** A local command that does file work; its errors are the user's to fix, so they are printed plainly. */
    @FunctionalInterface
    private interface LocalCommand {
        int run() throws Exception;
    }

    private static int local(String prefix, String suffix, LocalCommand command) throws Exception {
        try {
            return command.run();
        } catch (ReplayCommand.UsageException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (CsvFormatException | StoreException | IllegalStateException | IllegalArgumentException
                 | java.nio.file.NoSuchFileException e) {
            // An implausible value (IllegalArgumentException) is the file's problem, said as plainly as a bad cell.
            System.err.println(prefix + e.getMessage() + suffix);
            return 1;
        }
    }

    private static int usage(PrintStream out, int status) {
        out.print(USAGE);
        return status;
    }
}
