package io.stratus.engine.runtime;

import io.stratus.model.error.InvalidRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Lambda runtime identifiers to the interpreters installed on this host, found once at start.
 *
 * <p>Discovery looks in the usual places (the {@code PATH}, {@code /usr/bin}, {@code /usr/local/bin},
 * {@code /usr/lib/jvm}, pyenv and nvm trees) and keeps only real binaries: version-manager shims are shell
 * scripts that cost tens of milliseconds per start. Explicit {@code runtime=path} settings win over discovery.
 * When the exact version is missing, the nearest installed version of the same language stands in (the
 * smallest newer one, else the largest older one) with a warning, unless strict mode is on.
 */
public final class RuntimeCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeCatalog.class);
    private static final Pattern PYTHON_NAME = Pattern.compile("python(\\d+)\\.(\\d+)");
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    private final Map<Language, List<Interpreter>> installed;
    private final Map<String, Interpreter> explicit;
    private final boolean strict;

    RuntimeCatalog(Map<Language, List<Interpreter>> installed, Map<String, Interpreter> explicit, boolean strict) {
        this.installed = installed;
        this.explicit = explicit;
        this.strict = strict;
    }

    /**
     * Discovers the interpreters of this host.
     *
     * @param overrides runtime identifier → interpreter binary, from the server's settings
     * @param strict    refuse stand-in versions instead of warning
     */
    public static RuntimeCatalog discover(Map<String, Path> overrides, boolean strict) {
        Map<Language, List<Interpreter>> installed = new LinkedHashMap<>();
        installed.put(Language.NODE, sorted(probeAll(Language.NODE, nodeCandidates())));
        installed.put(Language.PYTHON, sorted(probeAll(Language.PYTHON, pythonCandidates())));
        installed.put(Language.JAVA, sorted(probeAll(Language.JAVA, javaCandidates())));
        Map<String, Interpreter> explicit = new LinkedHashMap<>();
        overrides.forEach((runtimeId, path) -> {
            Language.Requested requested = Language.of(runtimeId).orElseThrow(() ->
                    new IllegalArgumentException("--runtime " + runtimeId + ": not a runtime Stratus runs"));
            Interpreter interpreter = probe(requested.language(), path).orElseThrow(() ->
                    new IllegalArgumentException("--runtime " + runtimeId + "=" + path
                            + ": not an executable " + requested.language().displayName() + " interpreter"));
            explicit.put(runtimeId, interpreter);
        });
        RuntimeCatalog catalog = new RuntimeCatalog(installed, explicit, strict);
        installed.forEach((language, list) -> LOG.info("{} interpreters: {}", language.displayName(),
                list.isEmpty() ? "none found" : list.stream().map(i -> i.versionText() + " " + i.binary()).toList()));
        return catalog;
    }

    /** Every interpreter found, by language. */
    public Map<Language, List<Interpreter>> installed() {
        return installed;
    }

    /**
     * What the runtime runs on.
     *
     * @throws InvalidRuntimeException when nothing here can run it; the message says what to install
     */
    public RuntimeResolution resolve(String runtimeId) {
        Language.Requested requested = Language.of(runtimeId).orElseThrow(() -> new InvalidRuntimeException(
                "The runtime " + runtimeId + " cannot run on this Stratus host: only Node.js, Python, Java and "
                        + "custom (provided) runtimes are supported."));
        if (requested.language() == Language.PROVIDED) {
            return new RuntimeResolution(runtimeId, Language.PROVIDED, Optional.empty(), Optional.empty());
        }
        Interpreter pinned = explicit.get(runtimeId);
        if (pinned != null) {
            return new RuntimeResolution(runtimeId, requested.language(), Optional.of(pinned), Optional.empty());
        }
        List<Interpreter> candidates = installed.getOrDefault(requested.language(), List.of());
        String name = requested.language().displayName();
        if (candidates.isEmpty()) {
            throw new InvalidRuntimeException("The runtime " + runtimeId + " cannot run: no " + name
                    + " interpreter is installed on this Stratus host. Install " + name + " "
                    + requested.versionText() + " or name an interpreter with --runtime " + runtimeId + "=PATH.");
        }
        int n = requested.version().size();
        Comparator<List<Integer>> order = RuntimeCatalog::compare;
        Optional<Interpreter> exact = candidates.stream()
                .filter(i -> i.significant(n).equals(requested.version())).reduce((a, b) -> b);
        if (exact.isPresent()) {
            return new RuntimeResolution(runtimeId, requested.language(), exact, Optional.empty());
        }
        String installedVersions = String.join(", ", candidates.stream().map(Interpreter::versionText).toList());
        if (strict) {
            throw new InvalidRuntimeException("The runtime " + runtimeId + " needs " + name + " "
                    + requested.versionText() + ", which is not installed on this Stratus host (strict runtime "
                    + "mode; installed: " + installedVersions + "). Install it or name an interpreter with "
                    + "--runtime " + runtimeId + "=PATH.");
        }
        Interpreter nearest = candidates.stream()
                .filter(i -> order.compare(i.significant(n), requested.version()) > 0).findFirst()
                .orElse(candidates.get(candidates.size() - 1));
        String warning = "Runtime " + runtimeId + " runs on " + name + " " + nearest.versionText() + " ("
                + nearest.binary() + ") because " + name + " " + requested.versionText()
                + " is not installed on this host.";
        return new RuntimeResolution(runtimeId, requested.language(), Optional.of(nearest), Optional.of(warning));
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static List<Interpreter> sorted(List<Interpreter> list) {
        List<Interpreter> copy = new ArrayList<>(list);
        copy.sort((a, b) -> compare(a.version(), b.version()));
        return List.copyOf(copy);
    }

    private static List<Interpreter> probeAll(Language language, Set<Path> candidates) {
        Map<Path, Interpreter> byRealPath = new LinkedHashMap<>();
        for (Path candidate : candidates) {
            probe(language, candidate).ifPresent(i -> byRealPath.putIfAbsent(i.binary(), i));
        }
        return new ArrayList<>(byRealPath.values());
    }

    /** The interpreter at a path, if it is a real executable of the language whose version can be read. */
    static Optional<Interpreter> probe(Language language, Path candidate) {
        try {
            if (!Files.isRegularFile(candidate) || !Files.isExecutable(candidate)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            if (isScript(real)) {
                return Optional.empty();
            }
            Optional<List<Integer>> version = switch (language) {
                case NODE -> parseVersion(run(real, "--version"));
                case PYTHON -> pythonVersion(real);
                case JAVA -> javaVersion(real);
                case PROVIDED -> Optional.empty();
            };
            return version.map(v -> new Interpreter(language, v, real));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isScript(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        }
    }

    private static Optional<List<Integer>> pythonVersion(Path real) {
        Matcher m = PYTHON_NAME.matcher(real.getFileName().toString());
        if (m.matches()) {
            return Optional.of(List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        return parseVersion(run(real, "--version").replace("Python", ""));
    }

    private static Optional<List<Integer>> javaVersion(Path real) {
        Path release = real.getParent().getParent().resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return parseVersion(line.substring("JAVA_VERSION=".length()).replace("\"", ""));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static Optional<List<Integer>> parseVersion(String text) {
        Matcher m = VERSION.matcher(text.trim().replaceFirst("^v", ""));
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        List<Integer> parts = new ArrayList<>();
        for (int g = 1; g <= 3; g++) {
            if (m.group(g) != null) {
                parts.add(Integer.parseInt(m.group(g)));
            }
        }
        return Optional.of(parts);
    }

    private static String run(Path binary, String argument) {
        try {
            Process p = new ProcessBuilder(binary.toString(), argument).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(200);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static Set<Path> nodeCandidates() {
        Set<Path> paths = new LinkedHashSet<>();
        pathDirectories().forEach(d -> paths.add(d.resolve("node")));
        paths.add(Path.of("/usr/local/bin/node"));
        paths.add(Path.of("/usr/bin/node"));
        glob(Path.of("/opt"), "*").forEach(d -> paths.add(d.resolve("bin/node")));
        home().ifPresent(h -> glob(h.resolve(".nvm/versions/node"), "*").forEach(d -> paths.add(d.resolve("bin/node"))));
        return paths;
    }

    private static Set<Path> pythonCandidates() {
        Set<Path> dirs = new LinkedHashSet<>(pathDirectories());
        dirs.add(Path.of("/usr/local/bin"));
        dirs.add(Path.of("/usr/bin"));
        Optional.ofNullable(System.getenv("PYENV_ROOT")).map(Path::of)
                .ifPresent(root -> glob(root.resolve("versions"), "*").forEach(d -> dirs.add(d.resolve("bin"))));
        home().ifPresent(h -> glob(h.resolve(".pyenv/versions"), "*").forEach(d -> dirs.add(d.resolve("bin"))));
        Set<Path> paths = new LinkedHashSet<>();
        for (Path dir : dirs) {
            glob(dir, "python3.[0-9]*").stream()
                    .filter(p -> PYTHON_NAME.matcher(p.getFileName().toString()).matches())
                    .forEach(paths::add);
        }
        return paths;
    }

    private static Set<Path> javaCandidates() {
        Set<Path> paths = new LinkedHashSet<>();
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(h -> Path.of(h, "bin", "java")).ifPresent(paths::add);
        glob(Path.of("/usr/lib/jvm"), "*").forEach(d -> paths.add(d.resolve("bin/java")));
        glob(Path.of("/usr/java"), "*").forEach(d -> paths.add(d.resolve("bin/java")));
        pathDirectories().forEach(d -> paths.add(d.resolve("java")));
        return paths;
    }

    private static List<Path> pathDirectories() {
        String path = System.getenv("PATH");
        if (path == null) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        for (String entry : path.split(":")) {
            if (!entry.isBlank() && !entry.contains("shims")) {
                dirs.add(Path.of(entry));
            }
        }
        return dirs;
    }

    private static Optional<Path> home() {
        return Optional.ofNullable(System.getProperty("user.home")).map(Path::of);
    }

    private static List<Path> glob(Path dir, String pattern) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, pattern)) {
            stream.forEach(found::add);
        } catch (IOException e) {
            return List.of();
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }
}
