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

import java.util.concurrent.Callable;

/** {@code check [--dry-run]}: one real check, as the schedule runs it; prints the report. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Fetch CoinGecko's totals, evaluate the rules, store the state and notify; prints the check's "
                + "JSON report.")
public class CheckCommand implements Callable<Integer> {

    private final MarketCheck check;
    private final ObjectMapper mapper;

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Fetch and evaluate only: nothing stored, nothing sent.")
    boolean dryRun;

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
        spec.commandLine().getOut().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return 0;
    }
}
