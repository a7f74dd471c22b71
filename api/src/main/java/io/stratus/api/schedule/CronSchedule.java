package io.stratus.api.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Optional;

/**
 * {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)} in UTC, with EventBridge's rules: exactly six
 * fields; exactly one of the two day fields is {@code ?}; {@code L} and {@code W} only in day-of-month; {@code L}
 * and {@code #} only in day-of-week (a {@code #} expression stands alone); {@code /} nowhere in day-of-week;
 * ranges may wrap ({@code 20-2}); names (JAN, MON) in any case. Immutable and thread-safe.
 *
 * <p>Fire times are minute boundaries; {@link #next} walks forward skipping whole years, months and days that do
 * not match, so even a sparse schedule is found in a few thousand steps.
 */
public final class CronSchedule implements Schedule {

    private static final int LAST_YEAR = 2199;

    private final BitSet minutes;
    private final BitSet hours;
    private final DayRule days;
    private final BitSet months;
    private final BitSet years;

    private CronSchedule(BitSet minutes, BitSet hours, DayRule days, BitSet months, BitSet years) {
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.years = years;
    }

    static CronSchedule parse(String inside) {
        String[] f = inside.trim().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("cron takes six fields, got " + f.length + ": " + inside);
        }
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException("exactly one of day-of-month and day-of-week must be ?: " + inside);
        }
        DayRule days = domAny ? dayOfWeek(f[4]) : dayOfMonth(f[2]);
        return new CronSchedule(CronField.MINUTES.parse(f[0], true), CronField.HOURS.parse(f[1], true), days,
                CronField.MONTH.parse(f[3], true), CronField.YEAR.parse(f[5], true));
    }

    private static DayRule dayOfMonth(String text) {
        CronField field = CronField.DAY_OF_MONTH;
        if (text.equals("L")) {
            return new DayRule.LastDayOfMonth();
        }
        if (text.equals("LW")) {
            return new DayRule.LastWeekdayOfMonth();
        }
        if (text.matches("\\d{1,2}W")) {
            return new DayRule.NearestWeekday(field.value(text.substring(0, text.length() - 1)));
        }
        if (text.contains("L") || text.contains("W")) {
            throw field.invalid(text);
        }
        return new DayRule.DaysOfMonth(field.parse(text, true));
    }

    private static DayRule dayOfWeek(String text) {
        CronField field = CronField.DAY_OF_WEEK;
        int hash = text.indexOf('#');
        if (hash >= 0) {
            String nth = text.substring(hash + 1);
            if (!nth.matches("[1-5]")) {
                throw field.invalid(text);
            }
            return new DayRule.NthDayOfWeek(field.value(text.substring(0, hash)), Integer.parseInt(nth));
        }
        if (text.equals("L")) {
            // L alone is the last day of the week: Saturday.
            return new DayRule.DaysOfWeek(single(7));
        }
        if (text.length() > 1 && text.endsWith("L")) {
            return new DayRule.LastDayOfWeek(field.value(text.substring(0, text.length() - 1)));
        }
        if (text.contains("L")) {
            throw field.invalid(text);
        }
        return new DayRule.DaysOfWeek(field.parse(text, false));
    }

    private static BitSet single(int value) {
        BitSet b = new BitSet();
        b.set(value);
        return b;
    }

    @Override
    public Optional<Instant> next(Instant after, Instant start) {
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        while (t.getYear() <= LAST_YEAR) {
            LocalDate date = t.toLocalDate();
            if (t.getYear() < CronField.YEAR.min() || !years.get(t.getYear())) {
                t = LocalDate.of(t.getYear() + 1, 1, 1).atStartOfDay();
            } else if (!months.get(t.getMonthValue())) {
                t = date.withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!days.matches(date)) {
                t = date.plusDays(1).atStartOfDay();
            } else {
                Optional<LocalDateTime> found = sameDay(t);
                if (found.isPresent()) {
                    return Optional.of(found.get().toInstant(ZoneOffset.UTC));
                }
                t = date.plusDays(1).atStartOfDay();
            }
        }
        return Optional.empty();
    }

    /** The first matching hour and minute at or after {@code t}'s time on its day. */
    private Optional<LocalDateTime> sameDay(LocalDateTime t) {
        int hour = hours.nextSetBit(t.getHour());
        if (hour == t.getHour()) {
            int minute = minutes.nextSetBit(t.getMinute());
            if (minute >= 0) {
                return Optional.of(t.withMinute(minute));
            }
            hour = hours.nextSetBit(t.getHour() + 1);
        }
        if (hour < 0) {
            return Optional.empty();
        }
        return Optional.of(t.toLocalDate().atTime(hour, minutes.nextSetBit(0)));
    }
}
