package io.stratus.engine.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts child processes from long-lived platform threads. The kernel's parent-death signal fires when the
 * <em>thread</em> that forked a child ends, so children must not be forked from pooled or virtual threads that
 * may go away while the server still runs.
 */
final class ProcessLauncher implements AutoCloseable {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private final ExecutorService threads = Executors.newFixedThreadPool(2, Thread.ofPlatform()
            .name("sandbox-launcher-", 0).daemon(true).factory());

    /** True when children can be tied to the server's life with {@code setpriv --pdeathsig}. */
    static boolean canTieToParent() {
        return Files.isExecutable(SETPRIV);
    }

    /** The command prefixed so that the child is killed when the server dies. */
    static List<String> tiedToParent(List<String> command) {
        List<String> tied = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        tied.addAll(command);
        return tied;
    }

    Process start(ProcessBuilder builder) throws IOException {
        try {
            return threads.submit(builder::start).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a sandbox", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
