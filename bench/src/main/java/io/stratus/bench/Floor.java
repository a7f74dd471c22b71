package io.stratus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The baselines without a platform, from the small programs in bench/floor/: bare HTTP servers calling the hello
 * handler (warm floor) and the bare interpreter loading it (cold floor). They load the very files the Stratus
 * functions are packaged from, on the interpreters Stratus is told to use.
 */
final class Floor {

    /** The JVM flags Stratus gives java21 sandboxes (docs/runtimes.md), so the Java floors run the same JVM setup. */
    static final List<String> SANDBOX_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto", "-XX:-UsePerfData", "-XX:CompileThresholdScaling=0.1");
    /** What baselines run with: a sandbox-like environment, none of the host's variables. */
    static final Map<String, String> CLEAN_ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8",
            "HOME", System.getProperty("user.home"));
    private static final Pattern LISTENING = Pattern.compile("listening (\\d+)");

    private final Toolchain t;
    private final Path floorDir;
    private final Path javaHello;
    private final Path floorClasses;

    Floor(Toolchain t) {
        this.t = t;
        this.floorDir = t.bench().resolve("floor");
        this.javaHello = BenchRuntime.unpackJavaHello(t);
        this.floorClasses = compileJavaFloor();
    }

    private Path compileJavaFloor() {
        Path out = t.work().resolve("floor-classes");
        Path javac = t.java().resolveSibling("javac");
        Command r = Command.run(List.of(javac.toString(), "-cp", t.runtimeJavaJar().toString(), "-d", out.toString(),
                floorDir.resolve("JavaFloorServer.java").toString(),
                floorDir.resolve("JavaFloorLoad.java").toString()));
        if (r.exit() != 0) {
            throw new IllegalStateException("cannot compile the Java floor: " + r.output());
        }
        return out;
    }

    /** A bare server for the runtime's floor, started and listening on a port the OS chose. */
    ServiceProcess startServer(BenchRuntime runtime) {
        List<String> command = switch (runtime.floor()) {
            case NODE -> List.of(t.node().toString(), floorDir.resolve("node-server.js").toString(),
                    t.nodeHello().toString());
            case PYTHON -> List.of(t.python().toString(), floorDir.resolve("python-server.py").toString(),
                    t.pythonHelloDir().toString());
            default -> java("JavaFloorServer", t.runtimeJavaJar().toString());
        };
        return ServiceProcess.start("floor-" + runtime.floor(), command, CLEAN_ENV, t.work(),
                t.work().resolve("floor-" + runtime.floor() + ".log"), LISTENING, Duration.ofSeconds(30));
    }

    static Endpoint endpoint(ServiceProcess server) {
        return new Endpoint("127.0.0.1", Integer.parseInt(server.readyGroup()), "/");
    }

    /** Wall time from spawning the interpreter until it exited after loading the handler, {@code n} times. */
    Samples coldStarts(BenchRuntime runtime, int n) {
        List<String> command = switch (runtime.floor()) {
            case NODE -> List.of(t.node().toString(), floorDir.resolve("node-load.js").toString(),
                    t.nodeHello().toString());
            case PYTHON -> List.of(t.python().toString(), floorDir.resolve("python-load.py").toString(),
                    t.pythonHelloDir().toString());
            default -> java("JavaFloorLoad");
        };
        spawn(command); // once unmeasured: page cache and, for Python, the handler's bytecode
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            spawn(command);
            nanos[i] = System.nanoTime() - start;
        }
        return Samples.of(nanos);
    }

    private List<String> java(String mainClass, String... extraClassPath) {
        List<String> command = new ArrayList<>(List.of(t.java().toString()));
        command.addAll(SANDBOX_JVM_FLAGS);
        String cp = String.join(":", javaHello.toString(), javaHello.resolve("lib/*").toString(),
                floorClasses.toString()) + (extraClassPath.length == 0 ? "" : ":" + String.join(":", extraClassPath));
        command.addAll(List.of("-cp", cp, mainClass, "example.Hello"));
        return command;
    }

    private static void spawn(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(CLEAN_ENV);
            Process p = builder.start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(command + " exited with " + p.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
