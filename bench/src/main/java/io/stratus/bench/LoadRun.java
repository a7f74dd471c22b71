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
    private final int maxWarmRounds;
    private final long warmRequestsPerSandbox;

    /**
     * @param warmSeconds            length of one warm-up round
     * @param seconds                length of the measured part
     * @param maxWarmSeconds         the longest warm-up
     * @param warmRequestsPerSandbox warm-up requests per connection before a subject with sandboxes is measured
     */
    LoadRun(Wrk wrk, int warmSeconds, int seconds, int maxWarmSeconds, long warmRequestsPerSandbox) {
        this.wrk = wrk;
        this.warmSeconds = warmSeconds;
        this.seconds = seconds;
        this.maxWarmRounds = Math.max(1, maxWarmSeconds / warmSeconds);
        this.warmRequestsPerSandbox = warmRequestsPerSandbox;
    }

    /** A warm-up round whose rate is within this fraction of the round before's counts as steady. */
    private static final double STEADY = 0.05;
    /** Steady rounds in a row that end the warm-up. */
    private static final int STEADY_ROUNDS = 2;

    /**
     * The rate, and the serving process's peak RSS during the measured part in {@code peakRss}. The unmeasured
     * warm-up repeats until the rate is steady: until two rounds in a row are each within 5% of the round before,
     * counting only rounds that began with as many sandboxes as connections ({@code liveSandboxes}; negative for
     * subjects without sandboxes), or until the longest warm-up has passed. Cold starts are not throughput, and
     * neither is a JIT that has not yet compiled the hot path: each of 64 sandboxes sees a 64th of the requests,
     * so its runtime needs longer than one process serving all of them. One steady pair is not enough: 64 JVMs
     * compiling at once slow down together, and two rounds of that dip can be as slow as each other. Nor is a
     * steady rate: a runtime with its interpreter's default tier-up (a custom runtime on Node.js) speeds up by a
     * few percent a round for a minute, so a subject with sandboxes also gets {@code warmRequestsPerSandbox}
     * warm-up requests per connection first, the share a sandbox had at concurrency 8 when it was measured.
     */
    Results.Rate measure(Endpoint endpoint, int concurrency, long servingPid, AtomicLong peakRss,
            IntSupplier liveSandboxes) {
        double previous = -1;
        int steadyInARow = 0;
        int rounds = 0;
        long warmRequests = 0;
        boolean sandboxed = liveSandboxes.getAsInt() >= 0;
        long warmRequestsNeeded = sandboxed ? warmRequestsPerSandbox * concurrency : 0;
        while (rounds < maxWarmRounds) {
            int live = liveSandboxes.getAsInt();
            boolean allStarted = live < 0 || live >= concurrency;
            Wrk.Result round = wrk.run(endpoint, concurrency, warmSeconds);
            double rate = round.requestsPerSecond();
            warmRequests += round.requests();
            rounds++;
            if (!allStarted) {
                previous = -1;
                steadyInARow = 0;
                continue;
            }
            steadyInARow = previous > 0 && Math.abs(rate - previous) <= previous * STEADY ? steadyInARow + 1 : 0;
            if (steadyInARow >= STEADY_ROUNDS && warmRequests >= warmRequestsNeeded) {
                break;
            }
            previous = rate;
        }
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
                sandboxes, rounds * warmSeconds);
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
