package io.stratus.api.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;

/**
 * Which days of a month a cron expression fires on: its day-of-month field or its day-of-week field (the other is
 * {@code ?}). Immutable.
 */
sealed interface DayRule {

    boolean matches(LocalDate date);

    /** Day-of-month values (1–31). */
    record DaysOfMonth(BitSet days) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return days.get(date.getDayOfMonth());
        }
    }

    /** {@code L}: the last day of the month. */
    record LastDayOfMonth() implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return date.getDayOfMonth() == date.lengthOfMonth();
        }
    }

    /** {@code LW}: the last weekday (Monday–Friday) of the month. */
    record LastWeekdayOfMonth() implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return date.equals(nearestWeekday(date.with(TemporalAdjusters.lastDayOfMonth())));
        }
    }

    /**
     * {@code nW}: the weekday nearest day n, not crossing into another month (the 1st on a Saturday moves to Monday
     * the 3rd, the last day on a Sunday to Friday). A month without day n has no such day.
     */
    record NearestWeekday(int day) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return day <= date.lengthOfMonth() && date.equals(nearestWeekday(date.withDayOfMonth(day)));
        }
    }

    /** Day-of-week values, 1 = SUN … 7 = SAT. */
    record DaysOfWeek(BitSet days) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return days.get(number(date.getDayOfWeek()));
        }
    }

    /** {@code dL}: the last day d of the week in the month ({@code 6L} = the last Friday). */
    record LastDayOfWeek(int dayOfWeek) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return number(date.getDayOfWeek()) == dayOfWeek && date.getDayOfMonth() + 7 > date.lengthOfMonth();
        }
    }

    /** {@code d#n}: the n-th day d of the week in the month ({@code 2#1} = the first Monday). */
    record NthDayOfWeek(int dayOfWeek, int n) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return number(date.getDayOfWeek()) == dayOfWeek && (date.getDayOfMonth() - 1) / 7 + 1 == n;
        }
    }

    /** EventBridge's day-of-week number: 1 = SUN … 7 = SAT. */
    static int number(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }

    private static LocalDate nearestWeekday(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
            case SUNDAY -> day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
            default -> day;
        };
    }
}
