package io.stratus.engine.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runtime's output (stdout and stderr share one pipe): split into lines for the sandbox's log by a pump thread,
 * and drained when the runtime posts an answer, so that everything the function wrote before the post is in the
 * log ahead of the invocation's END line.
 *
 * <p>Draining uses fences, lines of the form {@code \0stratus:<kind>-fence:<n>\0} that never reach the log. Our
 * runtime clients write an output fence to stdout just before their n-th post and name it in the post
 * ({@code Stratus-Output-Fence: n}); once the pump has read fence n, everything written before it has been
 * logged. A runtime writes a fence only when it wrote output since its last one; otherwise its post names the last
 * fence again (0 before the first). For a runtime that writes no fences (a custom runtime), or when output came some
 * other way (a child process), the server writes a fence of its own through a second write end of the same pipe:
 * pipe writes are ordered, so what the runtime wrote before posting is ahead of it.
 */
final class SandboxOutput {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxOutput.class);
    static final String RUNTIME_FENCE = "\0stratus:output-fence:";
    static final String SERVER_FENCE = "\0stratus:server-fence:";
    static final String FENCE_HEADER = "stratus-output-fence";
    /** How long a drain waits for a fence (a pipe that someone else keeps full) before giving up. */
    private static final long DRAIN_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final String sandboxId;
    private final SandboxLog log;
    private final InputStream input;
    /** Our write end of the pipe, for server fences; null when it could not be opened. Closed at process exit. */
    private final OutputStream fenceWriter;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final AtomicLong serverFencesWritten = new AtomicLong();
    private volatile boolean busy;

    private final ReentrantLock fenceLock = new ReentrantLock();
    private final Condition fenceSeen = fenceLock.newCondition();
    /** The highest runtime fence the pump has passed. Guarded by fenceLock. */
    private long runtimeFencePassed;
    /** The highest server fence the pump has passed. Guarded by fenceLock. */
    private long serverFencePassed;
    /**
     * Guards the fence writer: not closed while a fence is being written. Not fenceLock, which the pump needs to
     * make room in a full pipe.
     */
    private final ReentrantLock writerLock = new ReentrantLock();
    /** Guarded by writerLock. */
    private boolean writerClosed;

    private SandboxOutput(String sandboxId, SandboxLog log, InputStream input, OutputStream fenceWriter) {
        this.sandboxId = sandboxId;
        this.log = log;
        this.input = input;
        this.fenceWriter = fenceWriter;
    }

    /**
     * Starts pumping the output of a running process into {@code log}. The pipe is opened again through /proc:
     * once for reading, because the JDK's own stream is synchronized and buffered, so nobody could ask how many
     * bytes wait while the pump blocks in read(); and once for writing, for server fences.
     */
    static SandboxOutput pump(String sandboxId, Process process, SandboxLog log) {
        InputStream in;
        try {
            in = new FileInputStream("/proc/" + process.pid() + "/fd/1");
        } catch (IOException e) {
            in = process.getInputStream();
        }
        OutputStream writer;
        try {
            writer = new FileOutputStream("/proc/" + process.pid() + "/fd/1");
        } catch (IOException e) {
            // Only when the process is already gone (its /proc entry with it): its pipe is about to end.
            LOG.debug("sandbox {}: no write end of its output pipe", sandboxId, e);
            writer = null;
        }
        SandboxOutput output = new SandboxOutput(sandboxId, log, in, writer);
        // A platform thread: reading a pipe is a blocking system call that would pin a virtual thread's carrier.
        Thread.ofPlatform().name("sandbox-output-" + sandboxId).daemon(true).stackSize(256 * 1024)
                .start(output::run);
        return output;
    }

    /**
     * The process ended: our write end must close too, or the pipe would never reach its end. Call before
     * {@link #awaitEnd()} once the process is gone.
     */
    void processEnded() {
        writerLock.lock();
        try {
            if (writerClosed || fenceWriter == null) {
                return;
            }
            writerClosed = true;
            fenceWriter.close();
        } catch (IOException e) {
            LOG.trace("sandbox {}: closing the fence writer", sandboxId, e);
        } finally {
            writerLock.unlock();
        }
    }

    /** Waits (up to 2 s) until the pipe has reached its end and every line is in the log. */
    void awaitEnd() {
        try {
            ended.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("sandbox {} output did not end", sandboxId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until output the runtime wrote before a post has reached the log. The runtime writes before it posts,
     * so those bytes are in the pipe already.
     *
     * @param runtimeFence the post's {@code Stratus-Output-Fence} header, or null
     */
    void drain(String runtimeFence) {
        long number = -1;
        if (runtimeFence != null) {
            try {
                number = Long.parseLong(runtimeFence.trim());
            } catch (NumberFormatException e) {
                number = -1;
            }
        }
        if (number < 0 || (!awaitFence(false, number) && holdsOutput())) {
            drainThroughServerFence();
        }
    }

    /**
     * Waits until the pump passed fence {@code number} of one kind (the server's or the runtime's), at most the drain
     * limit; false when it had passed it already.
     */
    private boolean awaitFence(boolean server, long number) {
        fenceLock.lock();
        try {
            if (passed(server) >= number) {
                return false;
            }
            long remaining = DRAIN_LIMIT_NANOS;
            while (passed(server) < number && remaining > 0 && !ended.isDone()) {
                remaining = fenceSeen.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            fenceLock.unlock();
        }
        return true;
    }

    /** Guarded by fenceLock. */
    private long passed(boolean server) {
        return server ? serverFencePassed : runtimeFencePassed;
    }

    /** True when output waits in the pipe or the pump is handling some. */
    private boolean holdsOutput() {
        try {
            return busy || input.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void drainThroughServerFence() {
        long number = serverFencesWritten.incrementAndGet();
        if (writeServerFence(number)) {
            awaitFence(true, number);
        } else {
            awaitEndWithinDrainLimit();
        }
    }

    /**
     * Writes server fence {@code number} into the pipe; false when the write end is gone. Fewer than PIPE_BUF
     * bytes: one atomic write, which blocks only while the pipe is full, and the pump is emptying it.
     */
    private boolean writeServerFence(long number) {
        byte[] fence = (SERVER_FENCE + number + "\0\n").getBytes(StandardCharsets.US_ASCII);
        writerLock.lock();
        try {
            if (writerClosed || fenceWriter == null) {
                return false;
            }
            fenceWriter.write(fence);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            writerLock.unlock();
        }
    }

    /**
     * When no fence can be written: the write end is closed once the process has ended, so the pipe is about to
     * reach its end; wait for that, at most the drain limit.
     */
    private void awaitEndWithinDrainLimit() {
        try {
            ended.get(DRAIN_LIMIT_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.trace("sandbox {}: output not ended within the drain limit", sandboxId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Splits the output into lines for the log. */
    private void run() {
        byte[] buffer = new byte[16 * 1024];
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        try {
            for (int n; (n = input.read(buffer)) > 0; ) {
                busy = true;
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        partial.write(buffer, start, i - start);
                        emit(partial);
                        start = i + 1;
                    }
                }
                partial.write(buffer, start, n - start);
                if (partial.size() > 256 * 1024) {
                    emit(partial);
                }
                busy = false;
            }
        } catch (IOException e) {
            LOG.trace("sandbox {} output closed", sandboxId, e);
        } finally {
            if (partial.size() > 0) {
                emit(partial);
            }
            busy = false;
            ended.complete(null);
            fenceLock.lock();
            try {
                fenceSeen.signalAll();
            } finally {
                fenceLock.unlock();
            }
        }
    }

    private void emit(ByteArrayOutputStream partial) {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        Fence fence = Fence.endingLine(line);
        if (fence != null) {
            // A fence after output without a newline ends that partial line too.
            line = line.substring(0, fence.start());
        }
        // The namespace wrapper's complaint when its sandbox is killed is ours, not the function's.
        if (!(fence != null && line.isEmpty()) && !line.startsWith("unshare: ")) {
            log.line(line);
        }
        if (fence != null) {
            fenceLock.lock();
            try {
                if (fence.server()) {
                    serverFencePassed = Math.max(serverFencePassed, fence.number());
                } else {
                    runtimeFencePassed = Math.max(runtimeFencePassed, fence.number());
                }
                fenceSeen.signalAll();
            } finally {
                fenceLock.unlock();
            }
        }
    }

    /** A fence that ends a line: who wrote it, its number, and where it starts in the line. */
    record Fence(boolean server, long number, int start) {

        /** The fence that ends this line, or null. */
        static Fence endingLine(String line) {
            if (!line.endsWith("\0")) {
                return null;
            }
            Fence fence = parse(line, SERVER_FENCE, true);
            return fence != null ? fence : parse(line, RUNTIME_FENCE, false);
        }

        private static Fence parse(String line, String marker, boolean server) {
            int start = line.lastIndexOf(marker);
            if (start < 0) {
                return null;
            }
            try {
                long number = Long.parseLong(line.substring(start + marker.length(), line.length() - 1));
                return new Fence(server, number, start);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
