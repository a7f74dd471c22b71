package io.stratus.api.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rate(value unit)}: a fixed period counted from when the rule started (was created or enabled), not aligned
 * to clock boundaries, as EventBridge documents ("a rate expression starts when you create the scheduled event
 * rule"). The first fire is one period after the start.
 *
 * @param period the interval, at least one minute
 */
public record RateSchedule(Duration period) implements Schedule {

    private static final Pattern RATE = Pattern.compile("(\\d+) (minute|minutes|hour|hours|day|days)");

    public RateSchedule {
        if (period.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("the shortest rate is one minute, got " + period);
        }
    }

    static RateSchedule parse(String inside) {
        Matcher m = RATE.matcher(inside);
        if (!m.matches()) {
            throw new IllegalArgumentException("a rate is a positive whole number and a unit: " + inside);
        }
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate value out of range: " + m.group(1), e);
        }
        String unit = m.group(2);
        boolean plural = unit.endsWith("s");
        if (value < 1 || value > 1_000_000 || (value == 1) == plural) {
            throw new IllegalArgumentException("value 1 takes the singular unit, larger values the plural: "
                    + inside);
        }
        Duration one = switch (unit.replaceAll("s$", "")) {
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new RateSchedule(one.multipliedBy(value));
    }

    @Override
    public Optional<Instant> next(Instant after, Instant start) {
        long periodMs = period.toMillis();
        long sinceStart = after.toEpochMilli() - start.toEpochMilli();
        long periods = sinceStart < 0 ? 1 : sinceStart / periodMs + 1;
        return Optional.of(start.plusMillis(periods * periodMs));
    }
}
