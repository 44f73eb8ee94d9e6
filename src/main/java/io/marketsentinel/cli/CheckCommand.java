package io.marketsentinel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.CheckFailedException;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.check.MarketCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code check [--dry-run] [--format text|json]}: one real check, as the schedule runs it; prints what it did. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Fetch CoinGecko's totals, evaluate the rules, store the state and notify; prints what it read, "
                + "found and sent (--format json: the whole report).")
public class CheckCommand implements Callable<Integer> {

    private final MarketCheck check;
    private final ObjectMapper mapper;

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Fetch and evaluate only: nothing stored, nothing sent.")
    boolean dryRun;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "A few lines for people (text), or the check's whole JSON report (json). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    public CheckCommand(MarketCheck check, ObjectMapper mapper) {
        this.check = check;
        this.mapper = mapper;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        CheckReport report;
        try {
            report = check.run(dryRun);
        } catch (CheckFailedException e) {
            throw new CommandFailure("check failed: " + e.getMessage() + " (nothing stored)", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            out.print(CheckSummary.text(report));
        }
        out.flush();
        return 0;
    }
}
