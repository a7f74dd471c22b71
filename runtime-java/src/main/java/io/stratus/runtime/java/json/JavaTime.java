package io.stratus.runtime.java.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Writes {@code java.time} values the way AWS's serializer does (Jackson's Java-time module with timestamps on):
 * instants, offset and zoned date-times and durations as decimal seconds with nine fraction digits, local
 * dates and times as arrays ({@code [2024,1,2]}, {@code [2024,1,2,10,30]} with seconds and nanoseconds only
 * when set), years as numbers, year-months as {@code [2024,1]}. Other types are left to the caller. Reading
 * accepts the array forms back; strings and numbers are handled by {@link Scalars}.
 */
final class JavaTime {
    private JavaTime() {
    }

    /** Writes {@code value} if it is one of the types above; returns false otherwise. */
    static boolean write(Object value, JsonWriter out) {
        if (value instanceof Instant i) {
            seconds(i.getEpochSecond(), i.getNano(), out);
        } else if (value instanceof OffsetDateTime o) {
            seconds(o.toEpochSecond(), o.getNano(), out);
        } else if (value instanceof ZonedDateTime z) {
            seconds(z.toEpochSecond(), z.getNano(), out);
        } else if (value instanceof Duration d) {
            seconds(d.getSeconds(), d.getNano(), out);
        } else if (value instanceof LocalDate d) {
            array(out, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        } else if (value instanceof LocalDateTime t) {
            dateTime(t.toLocalDate(), t.toLocalTime(), out);
        } else if (value instanceof LocalTime t) {
            time(t, out, true);
        } else if (value instanceof Year y) {
            out.ascii(Integer.toString(y.getValue()));
        } else if (value instanceof YearMonth y) {
            array(out, y.getYear(), y.getMonthValue());
        } else {
            return false;
        }
        return true;
    }

    /**
     * Builds a local date, time, date-time or year-month from the array form written above.
     *
     * @return the value, or {@code null} if {@code type} is none of those
     */
    static Object fromArray(Class<?> type, List<Object> parts) {
        int[] p = new int[7];
        for (int i = 0; i < parts.size() && i < p.length; i++) {
            p[i] = ((Number) Scalars.convert(parts.get(i), Integer.class)).intValue();
        }
        if (type == LocalDate.class) {
            return LocalDate.of(p[0], p[1], p[2]);
        }
        if (type == LocalDateTime.class) {
            return LocalDateTime.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
        }
        if (type == LocalTime.class) {
            return LocalTime.of(p[0], p[1], p[2], p[3]);
        }
        if (type == YearMonth.class) {
            return YearMonth.of(p[0], p[1]);
        }
        return null;
    }

    private static void seconds(long seconds, int nanos, JsonWriter out) {
        out.ascii(BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9)).setScale(9).toPlainString());
    }

    private static void dateTime(LocalDate date, LocalTime time, JsonWriter out) {
        out.put((byte) '[');
        out.ascii(date.getYear() + "," + date.getMonthValue() + "," + date.getDayOfMonth() + ",");
        time(time, out, false);
        out.put((byte) ']');
    }

    private static void time(LocalTime time, JsonWriter out, boolean brackets) {
        StringBuilder text = new StringBuilder().append(time.getHour()).append(',').append(time.getMinute());
        if (time.getSecond() > 0 || time.getNano() > 0) {
            text.append(',').append(time.getSecond());
            if (time.getNano() > 0) {
                text.append(',').append(time.getNano());
            }
        }
        out.ascii(brackets ? "[" + text + "]" : text.toString());
    }

    private static void array(JsonWriter out, int... parts) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < parts.length; i++) {
            text.append(i == 0 ? "" : ",").append(parts[i]);
        }
        out.ascii(text.append(']').toString());
    }
}
