package io.stratus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * One throughput point: wrk at a concurrency against an endpoint (after an unmeasured warm-up at the same
 * concurrency, which also starts the sandboxes it needs), with the CPU the serving process tree used in between
 * (utime+stime from /proc, children included) and the peak resident memory of the serving process itself.
 */
final class LoadRun {

    private final Wrk wrk;
    private final int warmSeconds;
    private final int seconds;

    LoadRun(Wrk wrk, int warmSeconds, int seconds) {
        this.wrk = wrk;
        this.warmSeconds = warmSeconds;
        this.seconds = seconds;
    }

    /** Warm-up rounds at most, while fewer sandboxes than connections are live (cold starts are not throughput). */
    private static final int MAX_WARM_ROUNDS = 5;

    /**
     * The rate, and the serving process's peak RSS during the measured part in {@code peakRss}. With Stratus,
     * {@code liveSandboxes} counts the function's sandboxes: warm-up repeats until there are as many as connections,
     * then runs one round more (for every subject), so that sandboxes started in the last round have finished
     * starting and compiled their hot path before the measured part: at 64 connections the measure otherwise
     * caught up to 56 runtimes in their first second.
     */
    Results.Rate measure(Endpoint endpoint, int concurrency, long servingPid, AtomicLong peakRss,
            IntSupplier liveSandboxes) {
        wrk.run(endpoint, concurrency, warmSeconds);
        for (int round = 1; round < MAX_WARM_ROUNDS && liveSandboxes.getAsInt() < concurrency; round++) {
            wrk.run(endpoint, concurrency, warmSeconds);
        }
        wrk.run(endpoint, concurrency, warmSeconds);
        int sandboxes = liveSandboxes.getAsInt();
        long ticksBefore = ProcessTable.snapshot().treeCpuTicks(servingPid);
        RssSampler sampler = RssSampler.start(servingPid);
        Wrk.Result result;
        try {
            result = wrk.run(endpoint, concurrency, seconds);
        } finally {
            peakRss.accumulateAndGet(sampler.stop(), Math::max);
        }
        long ticks = ProcessTable.snapshot().treeCpuTicks(servingPid) - ticksBefore;
        double cpuMicros = ticks * ProcessTable.TICK_MS * 1000 / Math.max(1, result.requests());
        return new Results.Rate(result.requestsPerSecond(), result.requests(), result.errors(), cpuMicros,
                sandboxes);
    }

    /** Samples one process's resident memory every 100 ms on a daemon thread; answers the peak. */
    static final class RssSampler {
        private final Thread thread;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        private RssSampler(long pid) {
            thread = Thread.ofPlatform().daemon().name("rss-sampler-" + pid).unstarted(() -> {
                while (running) {
                    peak.accumulateAndGet(rss(pid), Math::max);
                    StratusSetup.sleep(100);
                }
            });
        }

        static RssSampler start(long pid) {
            RssSampler s = new RssSampler(pid);
            s.thread.start();
            return s;
        }

        long stop() {
            running = false;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return peak.get();
        }
    }

    /** Resident bytes of one process, from /proc/PID/statm. */
    static long rss(long pid) {
        try {
            String[] statm = Files.readString(Path.of("/proc/" + pid + "/statm")).split(" ");
            return Long.parseLong(statm[1]) * ProcessTable.PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
