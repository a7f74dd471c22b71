package io.stratus.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Stratus server as a child process, started from the test's own class path with the same JVM:
 * {@code io.stratus.server.Main server --port 0 --data-dir DIR}. It waits for the {@code Stratus ready on} line and
 * exposes the endpoint. The operator log goes to {@code DIR/../server-N.log} for post-mortems.
 */
public final class StratusProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Stratus ready on (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final Path dataDir;
    private final Path log;

    private StratusProcess(Process process, URI endpoint, Path dataDir, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Starts a server on a free port over {@code dataDir} and waits until it is ready. */
    public static StratusProcess start(Path dataDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("server", "--port", "0", "--data-dir", dataDir.toString()));
        args.addAll(List.of(extraArgs));
        Launch launch = launch(dataDir, args);
        try {
            String line = launch.firstLine().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Matcher m = line == null ? null : READY.matcher(line);
            if (m == null || !m.find()) {
                launch.process().destroyForcibly();
                throw new IllegalStateException("server did not start; first line: " + line + "; log: "
                        + launch.logText());
            }
            return new StratusProcess(launch.process(), URI.create(m.group(1)), dataDir, launch.log());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            launch.process().destroyForcibly();
            throw new IllegalStateException("interrupted while starting the server", e);
        } catch (ExecutionException | TimeoutException e) {
            launch.process().destroyForcibly();
            throw new IllegalStateException("server not ready within " + START_TIMEOUT + "; log: " + launch.logText(),
                    e);
        }
    }

    /**
     * Runs the server command with arbitrary arguments and waits for it to exit; for testing refusals.
     *
     * @return exit code and combined output
     */
    public static Outcome run(Path scratch, List<String> args, Duration timeout) {
        Launch launch = launch(scratch, args);
        try {
            if (!launch.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                launch.process().destroyForcibly();
                throw new IllegalStateException("server did not exit within " + timeout + ": " + launch.logText());
            }
            String firstLine = launch.firstLine().getNow(null);
            return new Outcome(launch.process().exitValue(), (firstLine == null ? "" : firstLine + "\n")
                    + launch.logText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Launch launch(Path dir, List<String> args) {
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Path log = Files.createTempFile(dir.toAbsolutePath().getParent(), "server-", ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.stratus.server.Main"));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
            builder.environment().remove("STRATUS_DATA_DIR");
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
                try {
                    String line = out.readLine();
                    Thread.ofVirtual().start(() -> drain(out));
                    return line;
                } catch (IOException e) {
                    return null;
                }
            });
            return new Launch(process, firstLine, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server process", e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // Keep the pipe empty so the server never blocks on stdout.
            }
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Base URL of the server, such as {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The operator log written so far. */
    public String logText() {
        return read(log);
    }

    /**
     * Sends SIGTERM and waits for the process to end.
     *
     * @return true when it shut down cleanly: exit code 0 or 143 (the JVM's code after SIGTERM) and the log says
     *         "Stratus stopped"
     */
    public boolean stop() {
        process.destroy();
        int code = awaitExit();
        return (code == 0 || code == 143) && logText().contains("Stratus stopped");
    }

    /** Kills the server with SIGKILL, as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(log unavailable: " + e.getMessage() + ")";
        }
    }

    /**
     * How a server command ended.
     *
     * @param exitCode the process exit code
     * @param output   stdout's first line followed by stderr
     */
    public record Outcome(int exitCode, String output) {
    }

    private record Launch(Process process, CompletableFuture<String> firstLine, Path log) {
        String logText() {
            return read(log);
        }
    }
}
