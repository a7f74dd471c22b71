package io.stratus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server process the bench starts (Stratus, a floor server, the peer): started with its output going to a log
 * file, ready once a line of its stdout matches a pattern; the first group of that match is kept (the port or URL).
 */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final String readyGroup;

    private ServiceProcess(String name, Process process, String readyGroup) {
        this.name = name;
        this.process = process;
        this.readyGroup = readyGroup;
    }

    static ServiceProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log,
            Pattern ready, Duration timeout) {
        return start(name, command, env, workDir, log, ready, timeout, false);
    }

    /** As above; with {@code readyOnStderr} the ready line is looked for in stderr too (both streams merged). */
    static ServiceProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log,
            Pattern ready, Duration timeout, boolean readyOnStderr) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        if (readyOnStderr) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        // The environment is exactly {@code env}: host variables (NODE_EXTRA_CA_CERTS alone adds ~30 ms to every
        // Node start) must not make a baseline slower than a sandbox, which gets none of them.
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> match = CompletableFuture.supplyAsync(() -> awaitLine(out, ready, log));
        try {
            String group = match.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), name + "-stdout");
            drain.setDaemon(true);
            drain.start();
            return new ServiceProcess(name, process, group);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not print a line matching '" + ready + "' within " + timeout
                    + " (its stderr is in " + log + ")", e);
        }
    }

    private static String awaitLine(BufferedReader out, Pattern ready, Path log) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Files.writeString(log, line + "\n", StandardOpenOption.APPEND, StandardOpenOption.CREATE);
                Matcher m = ready.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("exited before it was ready");
    }

    String readyGroup() {
        return readyGroup;
    }

    long pid() {
        return process.pid();
    }

    /** Stops the process and all its descendants (sandboxes, workers). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
