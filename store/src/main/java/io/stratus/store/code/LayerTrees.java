package io.stratus.store.code;

import io.stratus.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The {@code /opt} trees of sandboxes: the packages of a function's layers unpacked in order into one directory,
 * later layers overwriting same-named files of earlier ones, as Lambda merges them. A tree is built once per
 * ordered list of packages, under {@code <root>/<sha256 of the list>/}, in a temporary directory renamed into
 * place when complete, and shared read-only by every sandbox with that list.
 *
 * <p>Files are world-readable (executable when the zip says so), like {@link UnpackedCode}'s trees. Thread-safe:
 * concurrent requests for the same list build it once (a lock per list).
 */
public final class LayerTrees {

    private final Path root;
    private final CodeBlobs blobs;
    /** One lock per tree name; guards building that tree. */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public LayerTrees(Path root, CodeBlobs blobs) {
        this.root = root;
        this.blobs = blobs;
    }

    /** Removes every tree; they are rebuilt on demand. Runs at start, before any sandbox uses one. */
    public void removeLeftovers() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> children = Files.list(root)) {
            children.forEach(UnpackedCode::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The merged tree of the given packages, building it first when needed.
     *
     * @param sha256Hexes the layers' packages in merge order
     * @return empty when there are no layers
     * @throws StoreException when a package is missing or cannot be unpacked
     */
    public Optional<Path> merged(List<String> sha256Hexes) {
        if (sha256Hexes.isEmpty()) {
            return Optional.empty();
        }
        String name = CodeBlobs.sha256Hex(String.join(",", sha256Hexes).getBytes(StandardCharsets.UTF_8));
        Path target = root.resolve(name);
        if (Files.isDirectory(target)) {
            return Optional.of(target);
        }
        ReentrantLock lock = locks.computeIfAbsent(name, k -> new ReentrantLock());
        lock.lock();
        try {
            if (!Files.isDirectory(target)) {
                build(sha256Hexes, target);
            }
            return Optional.of(target);
        } finally {
            lock.unlock();
        }
    }

    private void build(List<String> sha256Hexes, Path target) {
        Path temp = root.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(root);
            Files.createDirectory(temp);
            Files.setPosixFilePermissions(temp, UnpackedCode.DIRECTORY);
            for (String sha : sha256Hexes) {
                UnpackedCode.extract(blobs, sha, temp);
            }
            UnpackedCode.moveIntoPlace(temp, target);
        } catch (IOException e) {
            UnpackedCode.deleteTree(temp);
            throw new StoreException("cannot build the layer tree of " + sha256Hexes + ": " + e.getMessage(), e);
        }
    }
}
