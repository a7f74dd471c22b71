package io.stratus.store.code;

import io.stratus.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Code packages unpacked once per content hash into {@code <root>/<sha256>/}, shared read-only by every sandbox
 * that runs that code. Unpacking goes to a temporary directory that is renamed into place when complete, so a
 * crash never leaves a half-unpacked tree under the final name.
 *
 * <p>Files are made world-readable (and executable when the zip says so) because sandboxes run as unprivileged
 * users; the directory above is private to the server, and sandboxes reach the tree only through a mount.
 */
public final class UnpackedCode {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> EXECUTABLE = DIRECTORY;
    private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    private final Path root;
    private final CodeBlobs blobs;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public UnpackedCode(Path root, CodeBlobs blobs) {
        this.root = root;
        this.blobs = blobs;
    }

    /**
     * Removes unfinished unpackings a previous run left behind, and trees of packages no longer stored (their
     * functions were changed or deleted). Runs at start, before any sandbox uses a tree.
     */
    public void removeLeftovers() {
        if (!Files.isDirectory(root)) {
            return;
        }
        Set<String> stored = blobs.all();
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> !stored.contains(p.getFileName().toString())).forEach(UnpackedCode::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holding the unpacked package, unpacking it first when needed. */
    public Path unpacked(String sha256Hex) {
        Path target = root.resolve(sha256Hex);
        if (Files.isDirectory(target)) {
            return target;
        }
        synchronized (locks.computeIfAbsent(sha256Hex, k -> new Object())) {
            if (Files.isDirectory(target)) {
                return target;
            }
            unpackInto(sha256Hex, target);
            return target;
        }
    }

    /** Removes the unpacked tree of a package no function uses any more. */
    public void remove(String sha256Hex) {
        deleteTree(root.resolve(sha256Hex));
    }

    private void unpackInto(String sha256Hex, Path target) {
        Path temp = root.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(root);
            Files.createDirectory(temp);
            Files.setPosixFilePermissions(temp, DIRECTORY);
            extract(blobs, sha256Hex, temp);
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            deleteTree(temp);
            throw new StoreException("cannot unpack code package " + sha256Hex + ": " + e.getMessage(), e);
        }
    }

    /** Renames a complete tree to its final name; when another thread got there first, keeps theirs. */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            deleteTree(temp);
            if (!Files.isDirectory(target)) {
                throw e;
            }
        }
    }

    /**
     * Writes the files of a stored package into an existing directory, replacing what is there under the same
     * names (a file where the package has a directory, or the reverse, is replaced too): how layers overlay each
     * other in {@code /opt}.
     */
    static void extract(CodeBlobs blobs, String sha256Hex, Path into) throws IOException {
        byte[] zip;
        try (InputStream in = blobs.open(sha256Hex)) {
            zip = in.readAllBytes();
        }
        Map<String, Boolean> executable = new HashMap<>();
        List<CentralDirectory.Entry> entries = CentralDirectory.read(zip)
                .orElseThrow(() -> new StoreException("stored package " + sha256Hex + " is not a zip"));
        entries.forEach(e -> executable.put(e.name(), e.executable()));
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = safeResolve(into, entry.getName());
                if (entry.isDirectory()) {
                    createDirectories(into, out);
                    continue;
                }
                createDirectories(into, out.getParent());
                if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(out);
                }
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(out,
                        executable.getOrDefault(entry.getName(), false) ? EXECUTABLE : REGULAR);
            }
        }
    }

    /**
     * Resolves an entry name inside the tree. Stored packages were already refused for these names; checking
     * again keeps this class safe on its own.
     */
    private static Path safeResolve(Path base, String name) {
        Path resolved = base.resolve(name).normalize();
        if (name.startsWith("/") || name.contains("\\") || !resolved.startsWith(base)) {
            throw new StoreException("zip entry escapes its directory: " + name);
        }
        return resolved;
    }

    private static void createDirectories(Path base, Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createDirectories(base, dir.getParent());
        Files.deleteIfExists(dir);
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, DIRECTORY);
    }

    /** Deletes a directory tree (used for every tree the server unpacks or creates for sandboxes). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
