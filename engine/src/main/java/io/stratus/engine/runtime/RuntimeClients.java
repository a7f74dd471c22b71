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
            delete(fresh);
            Files.createDirectories(fresh);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxr-xr-x"));
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
                        if (entry.getName().startsWith(prefix) && !entry.isDirectory()) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                place(fresh, entry.getName().substring(prefix.length()), in);
                            }
                        }
                    }
                }
            } else {
                Path source = Path.of(url.toURI());
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            place(fresh, source.relativize(file).toString(), in);
                        }
                    }
                }
            }
            try (Stream<Path> dirs = Files.walk(fresh)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            delete(target);
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the " + name + " runtime client", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
