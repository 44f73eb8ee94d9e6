package io.marketsentinel.store.file;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.store.StateCodec;
import io.marketsentinel.store.StoreException;
import io.marketsentinel.store.Stored;
import io.marketsentinel.store.VersionConflictException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded default: one JSON file. A save takes a lock (a lock file, for other processes, and a
 * JVM lock, for other threads), checks the stored version, writes a temporary file beside the
 * target, syncs it, and renames it over the target, so a reader sees the old state or the new one,
 * never half of one. A file that cannot be read is reported and never overwritten.
 */
public final class FileStateStore implements StateStore {

    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path path;
    private final StateCodec codec;

    public FileStateStore(Path path, StateCodec codec) {
        this.path = path.toAbsolutePath().normalize();
        this.codec = codec;
    }

    @Override
    public Stored load() {
        byte[] bytes = readOrNull();
        if (bytes == null) {
            return new Stored(SentinelState.initial(), 0);
        }
        return new Stored(decode(bytes), bytes.length);
    }

    @Override
    public Stored save(SentinelState state, long expectedVersion) {
        StateCodec.Encoded encoded = codec.encodeWithinBudget(state.withVersion(expectedVersion + 1));
        SentinelState next = encoded.state();
        byte[] bytes = encoded.bytes();
        IN_PROCESS.lock();
        try {
            Files.createDirectories(path.getParent());
            Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
            try (FileChannel lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                byte[] current = readOrNull();
                long storedVersion = current == null ? 0 : storedVersion(current);
                if (storedVersion != expectedVersion) {
                    throw new VersionConflictException(expectedVersion, Long.toString(storedVersion));
                }
                writeAtomically(bytes);
            }
        } catch (IOException e) {
            throw new StoreException("could not write state file " + path + ": " + e.getMessage(), e);
        } finally {
            IN_PROCESS.unlock();
        }
        return new Stored(next, bytes.length);
    }

    @Override
    public String describe() {
        return "file " + path;
    }

    private void writeAtomically(byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(path.getParent(), path.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the rename itself durable; not every file system allows opening a directory, which is fine. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the data itself was synced before the rename
        }
    }

    private byte[] readOrNull() {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StoreException("state file " + path + " is unreadable (" + e.getMessage()
                    + "); it was left untouched", e);
        }
    }

    private long storedVersion(byte[] bytes) {
        try {
            return codec.version(bytes);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    private SentinelState decode(byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    private StoreException corrupt(RuntimeException e) {
        return new StoreException("state file " + path + " is corrupt (" + e.getMessage()
                + "); it was left untouched: repair it or move it away to start afresh", e);
    }
}
