package io.stratus.api.schedule;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One numeric field of a cron expression and how its text ({@code *}, lists, ranges that may wrap, {@code start/step}
 * increments, names) becomes the set of values it allows. Immutable.
 *
 * @param name  the field's name, for messages
 * @param min   smallest allowed value
 * @param max   largest allowed value
 * @param names names of the values from {@code min} on (JAN…DEC, SUN…SAT), empty when the field has none
 */
record CronField(String name, int min, int max, List<String> names) {

    static final CronField MINUTES = new CronField("minutes", 0, 59, List.of());
    static final CronField HOURS = new CronField("hours", 0, 23, List.of());
    static final CronField DAY_OF_MONTH = new CronField("day-of-month", 1, 31, List.of());
    static final CronField MONTH = new CronField("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN",
            "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"));
    /** 1 = SUN … 7 = SAT, as EventBridge numbers them. */
    static final CronField DAY_OF_WEEK = new CronField("day-of-week", 1, 7, List.of("SUN", "MON", "TUE", "WED",
            "THU", "FRI", "SAT"));
    static final CronField YEAR = new CronField("year", 1970, 2199, List.of());

    /** The values {@code text} allows, as bits indexed by value. */
    BitSet parse(String text, boolean stepsAllowed) {
        BitSet values = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            parseItem(item, stepsAllowed, values);
        }
        return values;
    }

    private void parseItem(String item, boolean stepsAllowed, BitSet values) {
        int slash = item.indexOf('/');
        int step = 1;
        String range = item;
        if (slash >= 0) {
            if (!stepsAllowed) {
                throw invalid(item);
            }
            step = number(item.substring(slash + 1));
            range = item.substring(0, slash);
            if (step < 1) {
                throw invalid(item);
            }
        }
        int from;
        int to;
        if (range.equals("*")) {
            from = min;
            to = max;
        } else if (range.contains("-")) {
            int dash = range.indexOf('-');
            from = value(range.substring(0, dash));
            to = value(range.substring(dash + 1));
        } else {
            from = value(range);
            // "5/15" runs from 5 to the end of the field; a lone "5" is just 5.
            to = slash >= 0 ? max : from;
        }
        int size = max - min + 1;
        int length = Math.floorMod(to - from, size) + 1;
        for (int i = 0; i < length; i += step) {
            values.set(min + Math.floorMod(from - min + i, size));
        }
    }

    /** One value, as a number or a name. */
    int value(String text) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        int v = index >= 0 ? min + index : number(text);
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " value out of range " + min + "-" + max + ": " + text);
        }
        return v;
    }

    private int number(String text) {
        if (!text.matches("\\d{1,4}")) {
            throw invalid(text);
        }
        return Integer.parseInt(text);
    }

    IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid " + name + ": " + text);
    }
}
