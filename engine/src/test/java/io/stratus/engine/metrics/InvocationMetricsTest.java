package io.stratus.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InvocationMetricsTest {

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-11-25T03:00:10Z").toEpochMilli());
    private final InvocationMetrics metrics = new InvocationMetrics(new InstantSource() {
        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    });

    @Test
    void countsPerMinuteWithErrorsThrottlesAndDurations() {
        metrics.invoked("f", 10, false);
        metrics.invoked("f", 30, true);
        metrics.throttled("f");
        now.addAndGet(60_000);
        metrics.invoked("f", 5, false);
        metrics.invoked("other", 1, false);

        assertThat(metrics.recent("f", 60)).containsExactly(
                new InvocationMetrics.Minute(Instant.parse("2026-11-25T03:00:00Z").toEpochMilli(), 2, 1, 1, 40, 30),
                new InvocationMetrics.Minute(Instant.parse("2026-11-25T03:01:00Z").toEpochMilli(), 1, 0, 0, 5, 5));
    }

    @Test
    void keepsOneDayAndAnswersOnlyTheMinutesAskedFor() {
        metrics.invoked("f", 1, false);
        now.addAndGet(InvocationMetrics.KEEP_MINUTES * 60_000L);
        metrics.invoked("f", 2, false);

        assertThat(metrics.recent("f", InvocationMetrics.KEEP_MINUTES))
                .extracting(InvocationMetrics.Minute::durationSumMs).containsExactly(2.0);
        assertThat(metrics.recent("f", 1)).hasSize(1);
        assertThat(metrics.recent("missing", 60)).isEmpty();
    }
}
