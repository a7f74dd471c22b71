package io.stratus.engine.sandbox;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An invocation on its way through one sandbox. Fields written by the sandbox are guarded by its lock.
 */
public final class Invocation {

    final String requestId;
    final byte[] payload;
    final String invokedArn;
    final Optional<String> clientContext;
    final String traceId;
    final int timeoutSeconds;
    /** Whether the caller wants the log tail (only then are the lines collected). */
    final boolean tailLog;

    /** Completes with the answer; exactly once. */
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    /** The sandbox it was last given to: the one to return after it ended. Set before the outcome completes. */
    volatile Sandbox host;
    /** True once the runtime has taken the event from {@code next}. */
    boolean delivered;
    /** The deadline being watched: delivery within the init limit, then the answer within the timeout. */
    Deadlines.Deadline timer;
    long deliveredNanos;
    long deadlineEpochMillis;
    /** Set by whichever path (answer, timeout, crash) claims the right to finish this invocation. */
    boolean finished;

    public Invocation(String requestId, byte[] payload, String invokedArn, Optional<String> clientContext,
                      String traceId, int timeoutSeconds, boolean tailLog) {
        this.requestId = requestId;
        this.payload = payload;
        this.invokedArn = invokedArn;
        this.clientContext = clientContext;
        this.traceId = traceId;
        this.timeoutSeconds = timeoutSeconds;
        this.tailLog = tailLog;
    }

    public String requestId() {
        return requestId;
    }

    /** The sandbox that ran it (or last held it); valid once the outcome has completed. */
    public Sandbox host() {
        return host;
    }

    /**
     * How an invocation ended.
     *
     * @param payload         the answer or error document
     * @param contentType     its content type
     * @param functionError   true for function and runtime failures ({@code X-Amz-Function-Error: Unhandled})
     * @param logTail         the invocation's log lines (START to REPORT), at most the last 4 KB, base64; empty
     *                        unless the invocation asked for it
     * @param durationMs      delivery to answer
     * @param billedMs        rounded up to the millisecond
     * @param maxMemoryUsedMb peak memory of the sandbox
     * @param initDurationMs  init time when this was the sandbox's first invocation, else negative
     * @param undelivered     the sandbox ended before its runtime took the event; run it in another sandbox
     */
    public record Outcome(byte[] payload, String contentType, boolean functionError, String logTail,
                          double durationMs, long billedMs, int maxMemoryUsedMb, double initDurationMs,
                          boolean undelivered) {

        static final Outcome UNDELIVERED = new Outcome(new byte[0], "", false, "", 0, 0, 0, -1, true);
    }
}
