package io.marketsentinel.cli;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.app.RuleSettings;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.replay.CsvFormatException;
import io.marketsentinel.replay.HistoryCsv;
import io.marketsentinel.replay.HistoryImport;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.store.StoreException;
import io.marketsentinel.store.Stored;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code import FILE.csv}: merges history into the configured store. The file is read and checked
 * whole first, and the merge is one conditional save: a bad file or a concurrent run changes nothing.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Merge a history CSV into the configured store (days already stored are kept). The file is "
                + "checked whole first: one bad row and nothing is imported.")
public class ImportCommand implements Callable<Integer> {

    private final SentinelConfig config;
    private final StateStore store;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.csv", description = "timestamp, total_market_cap_usd and <coin-id>_usd columns, "
            + "as replay reads them.")
    Path file;

    public ImportCommand(SentinelConfig config, StateStore store) {
        this.config = config;
        this.store = store;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            HistoryCsv.Parsed csv = HistoryCsv.read(file);
            for (String coin : csv.coins()) {
                if (!config.coins().contains(coin)) {
                    // Imported all the same (it may be watched later), but a typo like eth_usd should not pass unsaid.
                    spec.commandLine().getErr().printf("warning: column '%s_usd' is coin '%s', which is not watched "
                            + "(sentinel.coins = %s); imported anyway%n", coin, coin, String.join(",", config.coins()));
                }
            }
            SentinelState loaded = store.load().state();
            HistoryImport.Outcome outcome = HistoryImport.merge(loaded, csv, RuleSettings.marketRetention(config),
                    RuleSettings.guard(config));
            Stored saved = store.save(outcome.state(), loaded.version());
            out.print(outcome.summary());
            out.println("saved to " + store.describe() + " (version " + saved.state().version() + ", "
                    + saved.sizeBytes() + " bytes)");
            return 0;
        } catch (CsvFormatException | StoreException | IllegalArgumentException | IOException e) {
            // An implausible value (IllegalArgumentException) is the file's problem, said as plainly as a bad cell.
            throw new CommandFailure("import failed: " + e.getMessage() + " (nothing imported)", e);
        }
    }
}
