package io.stratus.engine.sandbox;

import io.stratus.store.code.UnpackedCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes as plain child processes, for hosts where the server may not create namespaces (not root, not
 * Linux). Each sandbox gets its own code directory, scratch directory and (empty) layer directory on the host,
 * announced through {@code LAMBDA_TASK_ROOT}, {@code TMPDIR} and {@code STRATUS_OPT_DIR}; memory is enforced by
 * a watchdog that samples the resident memory of the process tree. Sandboxes run as the server's own user, so
 * this mode does not protect sandboxes from each other: it is documented as a development mode.
 */
public final class ProcessIsolation implements Isolation {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessIsolation.class);
    /** Marks our children so that a restart can find what a killed predecessor left running. */
    static final String OWNER_VARIABLE = "STRATUS_SANDBOX_OWNER";
    private static final long PAGE_SIZE = 4096;

    private final Path root;
    private final String owner;
    private final ProcessLauncher launcher;

    ProcessIsolation(Path root, String owner, ProcessLauncher launcher) {
        this.root = root;
        this.owner = owner;
        this.launcher = launcher;
    }

    @Override
    public String describe() {
        return "plain processes (no namespaces: run the server as root on Linux for isolated sandboxes)";
    }

    @Override
    public void removeLeftovers() {
        String marker = OWNER_VARIABLE + "=" + owner;
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
                for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
                    if (entry.equals(marker)) {
                        p.destroyForcibly();
                        LOG.info("killed sandbox process {} left by a previous run", p.pid());
                    }
                }
            } catch (IOException | SecurityException e) {
                // Not ours or already gone.
            }
        });
        deleteQuietly(root);
    }

    @Override
    public boolean lambdaLayout() {
        return false;
    }

    @Override
    public SandboxPaths paths(String sandboxId) {
        Path dir = root.resolve(sandboxId);
        return new SandboxPaths(null, null, dir.resolve("opt"), dir.resolve("tmp"), null, false);
    }

    @Override
    public InterpreterView interpreterView(Path binary, Path home) {
        return new InterpreterView(binary, null);
    }

    @Override
    public OptionalInt reserveUid() {
        return OptionalInt.empty();
    }

    @Override
    public void releaseUid(int uid) {
        // Sandboxes share the server's user here.
    }

    @Override
    public Started start(LaunchPlan plan, OptionalInt uid) throws IOException {
        Path dir = root.resolve(plan.sandboxId());
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("opt"));
        ProcessBuilder builder = new ProcessBuilder(ProcessLauncher.canTieToParent()
                ? ProcessLauncher.tiedToParent(plan.command()) : plan.command())
                .directory(plan.codeDir().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(plan.environment());
        env.put(OWNER_VARIABLE, owner);
        Process process = launcher.start(builder);
        AtomicLong peak = new AtomicLong();
        AtomicBoolean killedForMemory = new AtomicBoolean();
        long limit = plan.memoryMb() * 1024L * 1024L;
        Thread.ofVirtual().name("memory-watchdog-" + plan.sandboxId()).start(() -> {
            while (process.isAlive()) {
                long rss = residentBytes(process.toHandle());
                peak.accumulateAndGet(rss, Math::max);
                if (rss > limit) {
                    killedForMemory.set(true);
                    killTree(process);
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return new Started() {
            @Override
            public Process process() {
                return process;
            }

            @Override
            public long peakMemoryBytes() {
                return Math.max(peak.get(), residentBytes(process.toHandle()));
            }

            @Override
            public boolean outOfMemory() {
                return killedForMemory.get();
            }

            @Override
            public void kill() {
                killTree(process);
            }

            @Override
            public void release() {
                deleteQuietly(dir);
            }
        };
    }

    /** Best effort: a scratch directory left behind is removed at the next start. */
    private static void deleteQuietly(Path dir) {
        try {
            UnpackedCode.deleteTree(dir);
        } catch (java.io.UncheckedIOException e) {
            LOG.debug("could not remove {}", dir, e);
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static long residentBytes(ProcessHandle root) {
        long total = 0;
        try (Stream<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants())) {
            for (ProcessHandle p : tree.toList()) {
                try {
                    String[] statm = Files.readString(Path.of("/proc", Long.toString(p.pid()), "statm")).split(" ");
                    total += Long.parseLong(statm[1]) * PAGE_SIZE;
                } catch (IOException | RuntimeException e) {
                    // Exited between listing and reading.
                }
            }
        }
        return total;
    }
}
