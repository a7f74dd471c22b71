package io.stratus.engine.metrics;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Invocations, errors, throttles and durations of each function per UTC minute, for the last {@link #KEEP_MINUTES}
 * minutes — the numbers behind Lambda's {@code Invocations}, {@code Errors}, {@code Throttles} and {@code Duration}
 * metrics. Like CloudWatch's, they belong to the function's name and outlive a delete. Kept in memory: they start
 * empty when the server starts (function logs, which outlive restarts, keep each invocation's REPORT line).
 * Thread-safe; recording is one map lookup and a short lock on one minute.
 */
public final class InvocationMetrics {

    /** How much history is kept: one day. */
    public static final int KEEP_MINUTES = 24 * 60;
    private static final long MINUTE_MS = 60_000;

    /**
     * One minute of one function.
     *
     * @param minuteMs      the minute's start, epoch milliseconds
     * @param invocations   invocations that ran (Lambda counts function errors, not throttles)
     * @param errors        invocations that ended with a function error (handled, crash, timeout)
     * @param throttles     invocations refused for lack of concurrency
     * @param durationSumMs sum of the durations of the invocations that ran
     * @param durationMaxMs the longest of them
     */
    public record Minute(long minuteMs, long invocations, long errors, long throttles, double durationSumMs,
                         double durationMaxMs) {
    }

    private static final class Bucket {
        long invocations;
        long errors;
        long throttles;
        double durationSumMs;
        double durationMaxMs;
    }

    private final InstantSource clock;
    /** Per function, minute start → counts; each function's map is guarded by itself. */
    private final Map<String, TreeMap<Long, Bucket>> functions = new ConcurrentHashMap<>();

    public InvocationMetrics(InstantSource clock) {
        this.clock = clock;
    }

    /** Records an invocation that ran for {@code durationMs}, failing or not. */
    public void invoked(String functionName, double durationMs, boolean functionError) {
        update(functionName, b -> {
            b.invocations++;
            b.errors += functionError ? 1 : 0;
            b.durationSumMs += durationMs;
            b.durationMaxMs = Math.max(b.durationMaxMs, durationMs);
        });
    }

    /** Records an invocation refused by a concurrency limit. */
    public void throttled(String functionName) {
        update(functionName, b -> b.throttles++);
    }

    /** The minutes of the last {@code minutes} (at most {@link #KEEP_MINUTES}) that saw any activity, oldest first. */
    public List<Minute> recent(String functionName, int minutes) {
        TreeMap<Long, Bucket> buckets = functions.get(functionName);
        List<Minute> out = new ArrayList<>();
        if (buckets == null) {
            return out;
        }
        long from = minuteOf(clock.millis()) - (long) (Math.min(minutes, KEEP_MINUTES) - 1) * MINUTE_MS;
        synchronized (buckets) {
            buckets.tailMap(from, true).forEach((minute, b) -> out.add(new Minute(minute, b.invocations, b.errors,
                    b.throttles, b.durationSumMs, b.durationMaxMs)));
        }
        return out;
    }

    private void update(String functionName, java.util.function.Consumer<Bucket> change) {
        long minute = minuteOf(clock.millis());
        TreeMap<Long, Bucket> buckets = functions.computeIfAbsent(functionName, n -> new TreeMap<>());
        synchronized (buckets) {
            change.accept(buckets.computeIfAbsent(minute, m -> new Bucket()));
            buckets.headMap(minute - (long) (KEEP_MINUTES - 1) * MINUTE_MS).clear();
        }
    }

    private static long minuteOf(long epochMs) {
        return epochMs - Math.floorMod(epochMs, MINUTE_MS);
    }
}
