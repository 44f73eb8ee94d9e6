package io.marketsentinel.cli;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.check.RuleFactory;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.replay.HistoryCsv;
import io.marketsentinel.replay.HistoryImport;
import io.marketsentinel.store.BaselineStore;
import io.marketsentinel.store.Stored;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code import FILE.csv}: merges history into the configured store. The file is read and checked
 * whole first, and the merge is one conditional save: a bad file or a concurrent run changes nothing.
 */
final class ImportCommand {

    private final SentinelConfig config;
    private final BaselineStore store;

    ImportCommand(SentinelConfig config, BaselineStore store) {
        this.config = config;
        this.store = store;
    }

    int run(List<String> args, PrintStream out) throws IOException {
        if (args.size() != 1 || args.get(0).startsWith("--")) {
            throw new ReplayCommand.UsageException("usage: import FILE.csv");
        }
        HistoryCsv.Parsed csv = HistoryCsv.read(Path.of(args.get(0)));
        for (String coin : csv.coins()) {
            if (!config.coins().contains(coin)) {
                // Imported all the same (it may be watched later), but a typo like eth_usd should not pass unsaid.
                System.err.printf("warning: column '%s_usd' is coin '%s', which is not watched (sentinel.coins = %s); "
                        + "imported anyway%n", coin, coin, String.join(",", config.coins()));
            }
        }
        SentinelState loaded = store.load().state();
        HistoryImport.Outcome outcome = HistoryImport.merge(loaded, csv, RuleFactory.marketRetention(config),
                RuleFactory.guard(config));
        Stored saved = store.save(outcome.state(), loaded.version());
        out.print(outcome.summary());
        out.println("saved to " + store.describe() + " (version " + saved.state().version() + ", "
                + saved.sizeBytes() + " bytes)");
        return 0;
    }
}
