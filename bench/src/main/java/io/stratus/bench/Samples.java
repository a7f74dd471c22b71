package io.stratus.bench;

import java.util.Arrays;

/** Measured durations in nanoseconds, kept exactly (sorted once), with nearest-rank percentiles in milliseconds. */
record Samples(long[] sortedNanos) {

    static Samples of(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return new Samples(copy);
    }

    static Samples ofMillis(double[] millis) {
        long[] nanos = new long[millis.length];
        for (int i = 0; i < millis.length; i++) {
            nanos[i] = Math.round(millis[i] * 1_000_000);
        }
        return of(nanos);
    }

    int count() {
        return sortedNanos.length;
    }

    /** Nearest-rank percentile, e.g. 99.9, in milliseconds. */
    double percentileMs(double percent) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    double medianMs() {
        return percentileMs(50);
    }
}
