package io.stratus.engine.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The mounts of a namespaced sandbox as an fstab file, so that one {@code mount -a -T FILE} makes all of them: a
 * {@code mount} process costs 2–3 ms to start here, and a sandbox has five mounts. Files are named by their
 * content and shared by the sandboxes that need the same mounts (those of one function), and removed when the last
 * of them is released. They live in a directory only root can read, since they name the host paths of every
 * function's code.
 */
final class MountTables {

    private final Path directory;
    /** The tables in use and how many sandboxes hold each. Guarded by this. */
    private final Map<Path, Integer> held = new HashMap<>();

    MountTables(Path directory) {
        this.directory = directory;
    }

    /** The fstab file for a sandbox launched by {@code plan}; hand it back with {@link #release} when it ends. */
    synchronized Path acquire(LaunchPlan plan) throws IOException {
        String table = table(plan);
        Path file = directory.resolve(name(table) + ".fstab");
        if (!held.containsKey(file)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.writeString(file, table, StandardCharsets.UTF_8);
        }
        held.merge(file, 1, Integer::sum);
        return file;
    }

    /** A sandbox that used {@code file} has ended; the file goes with the last of them. */
    synchronized void release(Path file) {
        Integer left = held.computeIfPresent(file, (f, sandboxes) -> sandboxes == 1 ? null : sandboxes - 1);
        if (left == null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Left for the next start's cleanup.
            }
        }
    }

    /**
     * Lambda's layout: code, runtime client, interpreter and layers read-only, then the private {@code /tmp}.
     * Binds come first because their sources may live under the host's {@code /tmp}, which the private one hides;
     * {@code mount} reads the whole table before it mounts anything.
     */
    static String table(LaunchPlan plan) {
        StringBuilder table = new StringBuilder(512);
        bind(table, plan.codeDir(), "/var/task");
        plan.runtimeDir().ifPresent(dir -> bind(table, dir, "/var/runtime"));
        plan.languageHome().ifPresent(dir -> bind(table, dir, "/var/lang"));
        plan.layersDir().ifPresentOrElse(dir -> bind(table, dir, "/opt"),
                () -> table.append("stratus-opt /opt tmpfs size=1m,mode=755,ro 0 0\n"));
        table.append("stratus-tmp /tmp tmpfs size=").append(plan.ephemeralMb())
                .append("m,mode=1777,nosuid,nodev 0 0\n");
        return table.toString();
    }

    private static void bind(StringBuilder table, Path source, String target) {
        table.append(escaped(source.toString())).append(' ').append(target)
                .append(" none bind,ro,nosuid,nodev 0 0\n");
    }

    /** fstab fields are separated by white space: space, tab, newline and backslash are written as octal. */
    static String escaped(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (char c : field.toCharArray()) {
            switch (c) {
                case ' ' -> out.append("\\040");
                case '\t' -> out.append("\\011");
                case '\n' -> out.append("\\012");
                case '\\' -> out.append("\\134");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String name(String table) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(table.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the tables of earlier runs (and of this one, at shutdown). */
    synchronized void removeAll() throws IOException {
        held.clear();
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
