package io.stratus.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The server's data directory: created if missing, checked to be a writable directory, and locked so that two
 * servers never share it. Also holds the server's secret key for signing code URLs (mode 0600).
 */
final class DataDirectory implements AutoCloseable {

    private static final int KEY_BYTES = 32;

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens and locks the directory.
     *
     * @throws StartupException when it cannot be created, is not a writable directory, or is in use
     */
    static DataDirectory open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StartupException("The data directory " + root + " cannot be created (" + e.getMessage()
                    + "). Choose another with --data-dir or STRATUS_DATA_DIR.", e);
        }
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new StartupException("The data directory " + root + " is not a writable directory."
                    + " Choose another with --data-dir or STRATUS_DATA_DIR.");
        }
        try {
            // Private to the server: sandboxes run as other users and must not reach code, logs or keys here.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new StartupException("The data directory " + root + " cannot be made private to the server ("
                    + e.getMessage() + "). Choose another with --data-dir or STRATUS_DATA_DIR.", e);
        }
        try {
            FileChannel channel = FileChannel.open(root.resolve("stratus.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new StartupException("The data directory " + root + " is in use by another Stratus server."
                        + " Stop it, or choose another directory with --data-dir.");
            }
            return new DataDirectory(root, channel, lock);
        } catch (IOException e) {
            throw new StartupException("The data directory " + root + " cannot be locked: " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    Path root() {
        return root;
    }

    Path database() {
        return root.resolve("stratus.db");
    }

    Path code() {
        return root.resolve("code");
    }

    /** The secret key for code URLs, created with owner-only permissions on first use. */
    byte[] codeUrlKey() {
        Path file = root.resolve("code-url.key");
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                Path temp = root.resolve("code-url.key.tmp");
                Files.deleteIfExists(temp);
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(temp, key, StandardOpenOption.SYNC);
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < KEY_BYTES) {
                throw new StartupException("The key file " + file + " is damaged; delete it and restart.");
            }
            return key;
        } catch (IOException e) {
            throw new StartupException("The key file " + file + " cannot be read or created: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // The lock dies with the process anyway.
        }
    }
}
