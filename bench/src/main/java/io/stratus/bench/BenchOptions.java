package io.stratus.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How much to measure. The full run takes the sample sizes; {@code --quick} is for development only.
 *
 * @param coldStarts   cold starts per runtime (and floor spawns per runtime)
 * @param warmRequests sequential requests per latency subject, after an unmeasured warm-up ({@link #loadWarmSeconds()}
 *                     of wrk, then a tenth as many and at least {@link #latencyWarmMillis()})
 * @param wrkSeconds   measured seconds per throughput point, after {@code wrkWarmSeconds} unmeasured
 * @param scaleTargets sandbox counts for scale-out, each from zero
 */
record BenchOptions(boolean quick, Path root, Path out, int coldStarts, int warmRequests, int wrkWarmSeconds,
        int wrkSeconds, List<Integer> scaleTargets) {

    /** Seconds of wrk at concurrency 8 that open each subject's latency warm-up. */
    int loadWarmSeconds() {
        return quick ? 3 : 8;
    }

    /** The longest unmeasured warm-up of one throughput point. */
    int maxLoadWarmSeconds() {
        return quick ? 30 : 240;
    }

    /**
     * Unmeasured requests per connection before a throughput point of a subject with sandboxes: V8's default
     * tier-up (a custom runtime's Node.js) took about 2,000 requests per process here before its rate stopped
     * rising.
     */
    long loadWarmRequestsPerSandbox() {
        return quick ? 300 : 3_000;
    }

    /** The least time a sequential-latency warm-up lasts, per subject. */
    long latencyWarmMillis() {
        return quick ? 1_000 : 3_000;
    }

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        Path root = Path.of("").toAbsolutePath();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; usage: ./stratus bench [--quick] [--out FILE]");
            }
        }
        Path output = out != null ? out : root.resolve("docs/benchmarks.md");
        return quick
                ? new BenchOptions(true, root, output, 5, 2_000, 1, 2, List.of(50))
                : new BenchOptions(false, root, output, 20, 10_000, 2, 5, List.of(50, 200));
    }
}
