package io.marketsentinel.store;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.store.file.FileStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileStateStoreTest {

    @TempDir
    Path dir;

    private final StateCodec codec = new StateCodec();

    private FileStateStore store() {
        return new FileStateStore(dir.resolve("state/state.json"), codec);
    }

    private static SentinelState sample() {
        return StateFixtures.simulated(Instant.parse("2026-01-01T00:00:00Z"), 500);
    }

    @Test
    void startsEmptyAndRoundTrips() {
        FileStateStore store = store();
        assertThat(store.load().state().version()).isZero();
        Stored saved = store.save(sample(), 0);
        assertThat(saved.state().version()).isEqualTo(1);
        assertThat(saved.sizeBytes()).isPositive();
        SentinelState loaded = store().load().state();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.history().market().points()).isEqualTo(sample().history().market().points());
    }

    @Test
    void replacesTheFileByRenameSoNoReaderSeesHalfAState() throws Exception {
        FileStateStore store = store();
        store.save(sample(), 0);
        Path file = dir.resolve("state/state.json");
        Path oldLink = dir.resolve("old-version.json");
        Files.createLink(oldLink, file);
        byte[] before = Files.readAllBytes(file);

        store.save(sample(), 1);

        // The old inode is untouched (a rename swapped in a new file), and no temporary file is left behind.
        assertThat(Files.readAllBytes(oldLink)).isEqualTo(before);
        assertThat(codec.decode(Files.readAllBytes(file)).version()).isEqualTo(2);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("state.json", "state.json.lock");
        }
    }

    @Test
    void refusesASaveFromAStaleVersionAndChangesNothing() throws Exception {
        FileStateStore store = store();
        store.save(sample(), 0);
        byte[] before = Files.readAllBytes(dir.resolve("state/state.json"));
        assertThatThrownBy(() -> store.save(SentinelState.initial(), 0))
                .isInstanceOf(VersionConflictException.class)
                .hasMessageContaining("another run won");
        assertThat(Files.readAllBytes(dir.resolve("state/state.json"))).isEqualTo(before);
    }

    @Test
    void aCorruptFileIsAClearErrorAndIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("state/state.json");
        Files.createDirectories(file.getParent());
        byte[] garbage = "{\"format\":1,\"version\":4, \"market\": [tru".getBytes();
        Files.write(file, garbage);
        FileStateStore store = store();

        assertThatThrownBy(store::load).isInstanceOf(StoreException.class)
                .hasMessageContaining("state file " + file)
                .hasMessageContaining("corrupt (not valid JSON at line 1, column ")
                .hasMessageContaining("left untouched")
                .satisfies(e -> assertThat(e.getMessage()).as("a sentence, not the parser's echo of the source")
                        .doesNotContain("[Source").doesNotContain("REDACTED"));
        assertThatThrownBy(() -> store.save(sample(), 4)).isInstanceOf(StoreException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() throws Exception {
        Path file = dir.resolve("state/state.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"format\":1,\"version\":4,\"market\":{\"t\":\"yesterday\"},\"coins\":{},"
                + "\"episodes\":[],\"outbox\":{\"pending\":[],\"deadLetters\":[]}}");

        assertThatThrownBy(store()::load).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("state file " + file + " is corrupt (field 'market.t' has the wrong type); it was left untouched");
    }
}
