package io.stratus.api.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * A parsed EventBridge schedule expression ({@code rate(value unit)} or {@code cron(six fields)}), always in UTC.
 * Immutable and thread-safe.
 */
public sealed interface Schedule permits RateSchedule, CronSchedule {

    /**
     * Parses an expression as PutRule accepts it.
     *
     * @throws IllegalArgumentException naming what is wrong, when EventBridge would refuse the expression
     */
    static Schedule parse(String expression) {
        if (expression.startsWith("rate(") && expression.endsWith(")")) {
            return RateSchedule.parse(expression.substring(5, expression.length() - 1));
        }
        if (expression.startsWith("cron(") && expression.endsWith(")")) {
            return CronSchedule.parse(expression.substring(5, expression.length() - 1));
        }
        throw new IllegalArgumentException("not rate(...) or cron(...): " + expression);
    }

    /**
     * The first scheduled time strictly after {@code after}.
     *
     * @param after  the last scheduled time already fired, or the start when none was
     * @param start  when the schedule started counting (creation or enabling): a rate() schedule fires at
     *               {@code start + k * period} for k ≥ 1; a cron() schedule ignores it
     * @return empty when the schedule never fires again (a cron year range in the past)
     */
    Optional<Instant> next(Instant after, Instant start);
}
