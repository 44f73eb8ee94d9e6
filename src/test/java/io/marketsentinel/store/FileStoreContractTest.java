package io.marketsentinel.store;

import io.marketsentinel.store.file.FileBaselineStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileStoreContractTest extends BaselineStoreContract {

    @TempDir
    Path dir;

    private Path file;
    private int n;

    @Override
    protected BaselineStore newStore() {
        file = dir.resolve("store-" + (n++) + "/state.json");
        return new FileBaselineStore(file, codec);
    }

    @Override
    protected BaselineStore sameStorage() {
        return new FileBaselineStore(file, codec);
    }
}
