package io.marketsentinel.cli;

import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.store.StateCodec;
import io.marketsentinel.store.file.FileStateStore;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandTest {

    @TempDir
    Path dir;

    private final SentinelConfig config = DefaultSettings.config(Map.of());

    private FileStateStore store() {
        return new FileStateStore(dir.resolve("state.json"), new StateCodec());
    }

    @Test
    void importsAFileIntoTheStoreAndSaysWhatItDid() throws Exception {
        Path csv = Files.writeString(dir.resolve("h.csv"), "timestamp,bitcoin_usd\n2025-01-01T00:00:00Z,94000\n2025-01-02T00:00:00Z,95000\n");
        FileStateStore store = store();

        CommandRun run = CommandRun.of(new ImportCommand(config, store), csv.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("bitcoin: 2 day(s) added, 0 already stored").contains("(version 1,");
        assertThat(store.load().state().history().coin("bitcoin").dailyLows()).hasSize(2);
    }

    @Test
    void aBadLineAnywhereImportsNothing() throws Exception {
        FileStateStore store = store();
        Path good = Files.writeString(dir.resolve("good.csv"), "timestamp,bitcoin_usd\n2025-01-01T00:00:00Z,94000\n");
        assertThat(CommandRun.of(new ImportCommand(config, store), good.toString()).exit()).isZero();
        byte[] before = Files.readAllBytes(dir.resolve("state.json"));
        Path bad = Files.writeString(dir.resolve("bad.csv"),
                "timestamp,bitcoin_usd\n2025-02-01T00:00:00Z,94000\n2025-02-02T00:00:00Z,95000\n2025-02-03T00:00:00Z,-1\n");

        CommandRun run = CommandRun.of(new ImportCommand(config, store), bad.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("import failed: " + bad + ": line 4, column 'bitcoin_usd', value '-1': negative")
                .contains("(nothing imported)").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(dir.resolve("state.json"))).isEqualTo(before);
    }

    @Test
    void aMissingFileIsAUsageErrorOnlyWhenNotGiven() {
        CommandRun run = CommandRun.of(new ImportCommand(config, store()));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'FILE.csv'").contains("Usage: import")
                .contains("Try 'import --help'");
        assertThat(dir.resolve("state.json")).doesNotExist();
    }
}
