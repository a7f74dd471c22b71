package io.stratus.store.code;

import io.stratus.model.function.CodeRef;
import io.stratus.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Deployment packages on disk, stored once each and named by the SHA-256 of their bytes:
 * {@code ROOT/ab/abcdef….zip}.
 *
 * <p>Crash safety: a package is written to {@code ROOT/tmp}, forced to disk, checked, and only then renamed
 * into place atomically, and the directory is forced; so a name under {@code ROOT/ab/} always holds the complete
 * bytes it is named for. Leftovers in {@code tmp} from a crash are removed by {@link #removeTemporaries()}.
 * Thread-safe: concurrent puts of the same bytes race only to rename identical content.
 */
public final class CodeBlobs {

    private final Path root;
    private final Path tmp;

    /** Opens (creating if needed) the blob directory {@code root}. */
    public CodeBlobs(Path root) {
        this.root = root;
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new StoreException("cannot create code directory " + root, e);
        }
    }

    /**
     * Stores a package after {@code check} accepted it; nothing is left behind when it throws.
     *
     * @param bytes the zip bytes
     * @param check runs against the fully written temporary file before it becomes visible
     * @return the reference to the stored package
     */
    public CodeRef put(byte[] bytes, PackageCheck check) {
        String sha = sha256Hex(bytes);
        Path target = path(sha);
        Path temp = tmp.resolve(UUID.randomUUID() + ".part");
        try {
            writeDurably(temp, bytes);
            check.accept(bytes, temp);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                moveAtomically(temp, target);
                forceDirectory(target.getParent());
            }
            return new CodeRef(sha, bytes.length);
        } catch (IOException e) {
            throw new StoreException("cannot store code package " + sha, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** True when the package is present. */
    public boolean exists(String sha256Hex) {
        return Files.isRegularFile(path(sha256Hex));
    }

    /** Opens a stored package for reading. */
    public InputStream open(String sha256Hex) throws IOException {
        return Files.newInputStream(path(sha256Hex));
    }

    /** Re-hashes a stored package and tells whether its bytes still match its name. */
    public boolean intact(String sha256Hex) {
        try {
            return exists(sha256Hex) && sha256Hex(Files.readAllBytes(path(sha256Hex))).equals(sha256Hex);
        } catch (IOException e) {
            return false;
        }
    }

    /** The file holding a package. */
    public Path path(String sha256Hex) {
        if (!sha256Hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 hex digest: " + sha256Hex);
        }
        return root.resolve(sha256Hex.substring(0, 2)).resolve(sha256Hex + ".zip");
    }

    /** Deletes a package; absent packages are ignored. */
    public void delete(String sha256Hex) {
        deleteQuietly(path(sha256Hex));
    }

    /** Hashes of every stored package. */
    public Set<String> all() {
        Set<String> hashes = new HashSet<>();
        try (Stream<Path> files = Files.walk(root, 2)) {
            files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}\\.zip"))
                    .forEach(p -> hashes.add(p.getFileName().toString().substring(0, 64)));
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot list code packages in " + root, e);
        }
        return hashes;
    }

    /** Removes partial writes left by a crash. Call before serving requests. */
    public void removeTemporaries() {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(tmp)) {
            parts.forEach(CodeBlobs::deleteQuietly);
        } catch (IOException e) {
            throw new StoreException("cannot clean " + tmp, e);
        }
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the code directory must be on a file system with atomic rename", e);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Some file systems refuse to open directories; the rename itself is still atomic there.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: a leftover temporary is removed at the next start.
        }
    }

    /** A check run on a fully written package before it becomes visible. */
    @FunctionalInterface
    public interface PackageCheck {
        /** Throws to reject the package. */
        void accept(byte[] bytes, Path writtenFile);
    }
}
