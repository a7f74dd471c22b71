package io.stratus.engine.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import io.stratus.store.code.UnpackedCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pre-started runtime: a sandbox process (namespaces, its own user, cgroups) whose interpreter and runtime client
 * have started but which belongs to no function yet. Its runtime waits in {@code GET …/runtime/stratus/adopt}
 * until a function's first sandbox adopts it: the function's code and layers are linked into the spare's empty
 * {@code /var/task} and {@code /opt} (bind mounts of host directories that belong to this spare alone), its memory
 * limit is set, and the adopt call answers with the function's environment. The runtime then loads the handler as
 * any runtime does. This takes interpreter start-up off a cold start.
 *
 * <p>A spare serves exactly one function for its whole life and never ran code before it was adopted.
 */
public final class Spare implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Spare.class);
    static final String ADOPT_PATH = "/2018-06-01/runtime/stratus/adopt";

    private final String id;
    private final Isolation isolation;
    private final Path staging;
    private final Sandbox.Launched launched;
    private final CompletableFuture<byte[]> adoption = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile boolean waiting;
    private final long startedNanos = System.nanoTime();

    private Spare(String id, Isolation isolation, Path staging, Function<String, LaunchPlan> plan) throws IOException {
        this.id = id;
        this.isolation = isolation;
        this.staging = staging;
        Files.createDirectories(taskDir());
        Files.createDirectories(optDir());
        try {
            Sandbox.Launched started = Sandbox.launch(isolation, plan, this::handle);
            this.launched = new Sandbox.Launched(started.uid(), started.listener(), withStaging(started.started()));
        } catch (IOException | RuntimeException e) {
            deleteStaging();
            throw e;
        }
    }

    /**
     * Starts a spare.
     *
     * @param staging a new host directory for this spare alone; its {@code task} and {@code opt} are what the
     *                runtime sees at {@code /var/task} and {@code /opt}
     * @param plan    builds the launch plan once the Runtime API address is known
     */
    public static Spare start(String id, Isolation isolation, Path staging, Function<String, LaunchPlan> plan)
            throws IOException {
        return new Spare(id, isolation, staging, plan);
    }

    public String id() {
        return id;
    }

    /** The host directory the runtime sees at {@code /var/task}. */
    public Path taskDir() {
        return staging.resolve("task");
    }

    /** The host directory the runtime sees at {@code /opt}. */
    public Path optDir() {
        return staging.resolve("opt");
    }

    /** True while its runtime waits to be adopted. */
    public boolean ready() {
        return waiting && !claimed.get() && launched.started().process().isAlive();
    }

    /** True in its first ten seconds, while a runtime that is not waiting yet may still be starting. */
    public boolean startedRecently() {
        return System.nanoTime() - startedNanos < java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    }

    /** Takes the spare for one adoption; false when another caller took it first. */
    public boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    /** Changes the spare's memory limit to the adopting function's. */
    void resize(int memoryMb) throws IOException {
        launched.started().resize(memoryMb);
    }

    /** Answers the runtime's adopt call with the function's complete environment. */
    void adopt(Map<String, String> environment) throws IOException {
        adoption.complete(Sandbox.JSON.writeValueAsBytes(environment));
    }

    /** The runtime process, user and port the adopting sandbox takes over. */
    Sandbox.Launched launched() {
        return launched;
    }

    private RuntimeApiListener.Reply handle(RuntimeApiListener.Request request, RuntimeApiListener.Responder later)
            throws InterruptedException {
        if (!request.method().equals("GET") || !request.path().equals(ADOPT_PATH)) {
            return RuntimeApiListener.Reply.error(403, "InvalidStateTransition",
                    "This runtime has not been adopted by a function yet");
        }
        waiting = true;
        try {
            return new RuntimeApiListener.Reply(200, Map.of("Content-Type", "application/json"), adoption.get());
        } catch (ExecutionException e) {
            return RuntimeApiListener.Reply.error(500, "Runtime.ExitError", "The spare is shutting down");
        }
    }

    /** The isolation's handle, releasing the staging directory with everything else. */
    private Isolation.Started withStaging(Isolation.Started inner) {
        return new Isolation.Started() {
            @Override
            public Process process() {
                return inner.process();
            }

            @Override
            public long peakMemoryBytes() {
                return inner.peakMemoryBytes();
            }

            @Override
            public boolean outOfMemory() {
                return inner.outOfMemory();
            }

            @Override
            public void kill() {
                inner.kill();
            }

            @Override
            public void resize(int memoryMb) throws IOException {
                inner.resize(memoryMb);
            }

            @Override
            public void release() {
                inner.release();
                deleteStaging();
            }
        };
    }

    private void deleteStaging() {
        try {
            UnpackedCode.deleteTree(staging);
        } catch (java.io.UncheckedIOException e) {
            LOG.debug("cannot delete spare staging {}", staging, e);
        }
    }

    /** Stops a spare that was never adopted (an adopted one belongs to its sandbox). */
    @Override
    public void close() {
        if (!adoption.completeExceptionally(new IllegalStateException("closed"))) {
            return;
        }
        launched.started().kill();
        try {
            launched.started().process().waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        launched.listener().close();
        launched.started().release();
        launched.uid().ifPresent(isolation::releaseUid);
    }
}
