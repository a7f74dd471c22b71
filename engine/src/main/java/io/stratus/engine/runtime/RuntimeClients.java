package io.stratus.engine.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The runtime clients Stratus ships (one per language, as engine resources), unpacked at start into
 * {@code <dir>/<language>/}, world-readable because sandboxes run as other users and see them read-only at
 * {@code /var/runtime}.
 */
public final class RuntimeClients {

    private static final String RESOURCES = "io/stratus/engine/runtimes/";

    private final Path root;

    private RuntimeClients(Path root) {
        this.root = root;
    }

    /** Unpacks every client, replacing what an earlier version left. */
    public static RuntimeClients unpack(Path root) {
        RuntimeClients clients = new RuntimeClients(root);
        for (Language language : Language.values()) {
            language.clientDirectory().ifPresent(clients::unpackLanguage);
        }
        return clients;
    }

    /** The directory holding a language's client. */
    public Path directory(Language language) {
        return root.resolve(language.clientDirectory().orElseThrow());
    }

    private void unpackLanguage(String name) {
        Path target = root.resolve(name);
        Path fresh = root.resolve("." + name + ".new");
        try {
            Map<String, byte[]> files = resources(name);
            String stamp = digest(files);
            // Unchanged clients are left alone: compiled caches beside them (Python bytecode, Java class-data
            // archives) stay valid only while the files keep their modification times.
            if (stamp.equals(readStamp(target))) {
                return;
            }
            delete(fresh);
            Files.createDirectories(fresh);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                place(fresh, file.getKey(), new java.io.ByteArrayInputStream(file.getValue()));
            }
            Files.writeString(fresh.resolve(STAMP), stamp);
            try (Stream<Path> dirs = Files.walk(fresh)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            delete(target);
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the " + name + " runtime client", e);
        }
    }

    private static final String STAMP = ".stamp";

    private static String readStamp(Path dir) {
        try {
            return Files.readString(dir.resolve(STAMP));
        } catch (IOException e) {
            return "";
        }
    }

    private static String digest(Map<String, byte[]> files) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(bytes);
            });
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client's files, by path relative to its directory, from the engine jar or the classes directory. */
    private static Map<String, byte[]> resources(String name) throws IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        URL url = RuntimeClients.class.getClassLoader().getResource(RESOURCES + name);
        if (url == null) {
            throw new IllegalStateException("runtime client resources missing for " + name);
        }
        if (url.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = RESOURCES + name + "/";
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().startsWith(prefix) && !entry.isDirectory() && !cache(entry.getName())) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            files.put(entry.getName().substring(prefix.length()), in.readAllBytes());
                        }
                    }
                }
            }
        } else {
            try {
                Path source = Path.of(url.toURI());
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        String relative = source.relativize(file).toString();
                        if (!cache(relative)) {
                            files.put(relative, Files.readAllBytes(file));
                        }
                    }
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return files;
    }

    /** Bytecode caches a developer's machine may have left among the sources. */
    private static boolean cache(String name) {
        return name.contains("__pycache__/");
    }

    private static void place(Path dir, String relative, InputStream in) throws IOException {
        Path out = dir.resolve(relative).normalize();
        if (!out.startsWith(dir)) {
            throw new IOException("bad resource name " + relative);
        }
        Files.createDirectories(out.getParent());
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
