package io.marketsentinel.store;

import io.marketsentinel.store.file.FileStateStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileStoreContractTest extends StateStoreContract {

    @TempDir
    Path dir;

    private Path file;
    private int n;

    @Override
    protected StateStore newStore() {
        file = dir.resolve("store-" + (n++) + "/state.json");
        return new FileStateStore(file, codec);
    }

    @Override
    protected StateStore sameStorage() {
        return new FileStateStore(file, codec);
    }
}
