package io.stratus.bench;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run measured, keyed by subject. Subjects: {@code stratus-invoke/NODE}, {@code stratus-http/NODE},
 * {@code floor/NODE}, {@code peer-invoke}, {@code peer-http}; rates add {@code @concurrency}. A measure that could
 * not be taken has a reason under its key in {@link #missing} instead of a figure.
 */
final class Results {

    /** One cold start series: client-side totals and the REPORT line's parts, per invocation. */
    record ColdStart(Samples total, Samples init, Samples duration, Samples platform) {
    }

    /**
     * One throughput point; CPU is the measured process tree's, per request; {@code sandboxes} is how many the
     * function had when the measured part began (-1 for baselines, which have none).
     */
    record Rate(double requestsPerSecond, long requests, long errors, double cpuMicrosPerRequest, int sandboxes,
            int warmUpSeconds) {
    }

    /** Scale-out from zero to {@code target} sandboxes. */
    record ScaleOut(int target, int distinctSandboxes, double lastStartMs, double medianStartMs, double allServedMs,
            long holdMs) {
    }

    final Map<BenchRuntime, ColdStart> coldStarts = new EnumMap<>(BenchRuntime.class);
    final Map<BenchRuntime, Samples> coldFloors = new EnumMap<>(BenchRuntime.class);
    final Map<String, Samples> latencies = new LinkedHashMap<>();
    final Map<String, Rate> rates = new LinkedHashMap<>();
    final Map<Integer, ScaleOut> scaleOuts = new LinkedHashMap<>();
    final Map<BenchRuntime, Long> sandboxRssBytes = new EnumMap<>(BenchRuntime.class);
    /** Resident memory of a baseline's serving process after its latency run: {@code floor/NODE}, {@code peer}. */
    final Map<String, Long> idleRssBytes = new LinkedHashMap<>();
    long serverIdleRssBytes;
    long serverLoadRssBytes;
    final Map<String, String> missing = new LinkedHashMap<>();

    static String rateKey(String subject, int concurrency) {
        return subject + "@" + concurrency;
    }

    Optional<Samples> latency(String subject) {
        return Optional.ofNullable(latencies.get(subject));
    }

    Optional<Rate> rate(String subject, int concurrency) {
        return Optional.ofNullable(rates.get(rateKey(subject, concurrency)));
    }

    /** Why a measure is missing, or a generic note when nothing was recorded for it. */
    String why(String key) {
        return missing.getOrDefault(key, "not measured in this run");
    }
}
