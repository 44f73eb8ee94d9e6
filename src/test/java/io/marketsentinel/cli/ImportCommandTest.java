package io.marketsentinel.cli;

import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.replay.CsvFormatException;
import io.marketsentinel.store.StateCodec;
import io.marketsentinel.store.file.FileBaselineStore;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportCommandTest {

    @TempDir
    Path dir;

    private final SentinelConfig config = DefaultSettings.config(Map.of());

    private FileBaselineStore store() {
        return new FileBaselineStore(dir.resolve("state.json"), new StateCodec());
    }

    @Test
    void importsAFileIntoTheStoreAndSaysWhatItDid() throws Exception {
        Path csv = Files.writeString(dir.resolve("h.csv"), "timestamp,bitcoin_usd\n2025-01-01T00:00:00Z,94000\n2025-01-02T00:00:00Z,95000\n");
        FileBaselineStore store = store();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = new ImportCommand(config, store).run(List.of(csv.toString()), new PrintStream(out));

        assertThat(status).isZero();
        assertThat(out.toString()).contains("bitcoin: 2 day(s) added, 0 already stored").contains("(version 1,");
        assertThat(store.load().state().history().coin("bitcoin").dailyLows()).hasSize(2);
    }

    @Test
    void aBadLineAnywhereImportsNothing() throws Exception {
        FileBaselineStore store = store();
        Path good = Files.writeString(dir.resolve("good.csv"), "timestamp,bitcoin_usd\n2025-01-01T00:00:00Z,94000\n");
        new ImportCommand(config, store).run(List.of(good.toString()), new PrintStream(new ByteArrayOutputStream()));
        byte[] before = Files.readAllBytes(dir.resolve("state.json"));
        Path bad = Files.writeString(dir.resolve("bad.csv"),
                "timestamp,bitcoin_usd\n2025-02-01T00:00:00Z,94000\n2025-02-02T00:00:00Z,95000\n2025-02-03T00:00:00Z,-1\n");

        assertThatThrownBy(() -> new ImportCommand(config, store).run(List.of(bad.toString()),
                new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("bad.csv: line 4, column 'bitcoin_usd', value '-1': negative");
        assertThat(Files.readAllBytes(dir.resolve("state.json"))).isEqualTo(before);
    }
}
