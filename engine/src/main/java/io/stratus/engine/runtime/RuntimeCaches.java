package io.stratus.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up caches that make cold starts cheaper, built once per interpreter in the background after the runtime
 * clients are unpacked: Python bytecode for the Python client (sandboxes cannot write it themselves; without it
 * every start recompiles, ~8 ms) and a class-data-sharing archive of the Java client per JDK (~10-15 ms).
 *
 * <p>A Java archive records the class path it was trained with, so under namespaces it is trained with the
 * client mounted at {@code /var/runtime}, exactly where sandboxes see it. Sandboxes started before a cache exists
 * simply run without it.
 */
public final class RuntimeCaches {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeCaches.class);
    private static final String LAMBDA_RUNTIME_DIR = "/var/runtime";

    private RuntimeCaches() {
    }

    /** Builds what is missing, on a background thread. */
    public static void buildInBackground(RuntimeClients clients, RuntimeCatalog catalog, boolean lambdaLayout) {
        Thread.ofPlatform().name("runtime-caches").daemon(true).start(() -> {
            for (Interpreter python : catalog.installed().getOrDefault(Language.PYTHON, List.of())) {
                compilePython(clients.directory(Language.PYTHON), python, lambdaLayout);
            }
            for (Interpreter java : catalog.installed().getOrDefault(Language.JAVA, List.of())) {
                trainJava(clients.directory(Language.JAVA), java, lambdaLayout);
            }
        });
    }

    /** The class-data archive for a JDK, as a file name inside the Java client's directory, once it exists. */
    public static Optional<String> javaArchive(Path javaClientDir, Interpreter java) {
        String name = archiveName(java);
        return Files.isRegularFile(javaClientDir.resolve(name)) ? Optional.of(name) : Optional.empty();
    }

    /** The flags the Java client starts with; training uses the same ones so that the archive matches. */
    public static List<String> javaFlags(Interpreter java) {
        // CompileThresholdScaling: compile after a tenth of the usual calls. A sandbox runs one request at a time,
        // so with many sandboxes each JVM sees a small share of the traffic and stayed interpreted for long.
        List<String> flags = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-XX:-UsePerfData", "-XX:CompileThresholdScaling=0.1"));
        if (java.version().get(0) >= 21) {
            // Direct reflection accessors: 5-20 ms less on the first call of method handlers and records.
            flags.add("-Djdk.reflect.useNativeAccessorOnly=true");
        }
        return flags;
    }

    private static String archiveName(Interpreter java) {
        // One archive per JDK installation: the version alone would mix two builds of the same version.
        String where = HexFormat.of().toHexDigits(java.binary().toString().hashCode());
        return "cds-" + java.versionText() + "-" + where + ".jsa";
    }

    private static void compilePython(Path dir, Interpreter python, boolean lambdaLayout) {
        List<String> command = new ArrayList<>(List.of(python.binary().toString(), "-m", "compileall", "-q"));
        if (lambdaLayout) {
            command.addAll(List.of("-d", LAMBDA_RUNTIME_DIR));
        }
        command.add(dir.toString());
        run(command, "compile the Python runtime client for " + python.binary());
    }

    private static void trainJava(Path dir, Interpreter java, boolean lambdaLayout) {
        String name = archiveName(java);
        if (Files.exists(dir.resolve(name))) {
            return;
        }
        String temp = "." + name + ".tmp";
        Path base = lambdaLayout ? Path.of(LAMBDA_RUNTIME_DIR) : dir;
        List<String> train = new ArrayList<>();
        train.add(java.binary().toString());
        train.addAll(javaFlags(java));
        train.addAll(List.of("-XX:ArchiveClassesAtExit=" + base.resolve(temp), "-Xlog:cds*=off",
                "-cp", base.resolve("stratus-java-runtime.jar").toString(), "io.stratus.runtime.java.Bootstrap",
                "--train"));
        List<String> command = new ArrayList<>();
        if (lambdaLayout) {
            command.addAll(List.of("/usr/bin/unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                    "mount --bind \"$1\" " + LAMBDA_RUNTIME_DIR + " && shift && exec \"$@\"", "train",
                    dir.toString()));
        }
        command.addAll(train);
        if (run(command, "train a class-data archive for " + java.binary()) && Files.exists(dir.resolve(temp))) {
            try {
                Files.setPosixFilePermissions(dir.resolve(temp),
                        PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(dir.resolve(temp), dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                LOG.info("class-data archive for {} ready", java.binary());
            } catch (IOException e) {
                LOG.warn("cannot keep the class-data archive for {}: {}", java.binary(), e.getMessage());
            }
        }
    }

    private static boolean run(List<String> command, String what) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("could not {}: timed out", what);
                return false;
            }
            if (process.exitValue() != 0) {
                LOG.warn("could not {}: exit status {}", what, process.exitValue());
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.warn("could not {}: {}", what, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
