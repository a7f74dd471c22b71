package io.stratus.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final Instant NEVER = Instant.EPOCH;

    /** The first {@code n} fire times of a cron expression after {@code after}. */
    private static List<String> fires(String expression, String after, int n) {
        Schedule schedule = Schedule.parse(expression);
        List<String> out = new ArrayList<>();
        Instant t = Instant.parse(after);
        for (int i = 0; i < n; i++) {
            Optional<Instant> next = schedule.next(t, NEVER);
            if (next.isEmpty()) {
                break;
            }
            out.add(next.get().toString());
            t = next.get();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 10 * * ? *)", "cron(15 12 * * ? *)", "cron(5,35 14 * * ? *)",
        "cron(0 18 ? * MON-FRI *)", "cron(0 8 1 * ? *)", "cron(0/15 * * * ? *)", "cron(0/10 * ? * MON-FRI *)",
        "cron(0/5 8-17 ? * MON-FRI *)", "cron(0/30 20-2 ? * MON-FRI *)", "cron(0 9 ? * 2#1 *)",
        "cron(15 10 ? * 6L 2019-2022)", "cron(0 0 L * ? *)", "cron(0 12 3W * ? *)", "cron(0 0 1 JAN,JUL ? *)",
        "cron(0 2 ? * SAT#3 *)", "cron(* * ? * SAT#3 *)", "cron(0/5 5 ? JAN 1-5 2022)", "cron(0 2 ? * SAT *)",
        "cron(15 10 ? * 6L 2002-2005)", "cron(* * * * ? *)", "cron(0 0 LW * ? *)", "cron(0 0 ? * L *)",
        "cron(0 0 ? jan mon *)", "cron(*/5 * * * ? *)", "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)",
        "rate(12 hours)", "rate(1 day)", "rate(7 days)"})
    void acceptsWhatEventBridgeAccepts(String expression) {
        assertThat(Schedule.parse(expression)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 12 * * ?)", "cron(0 0 12 * * ? *)", "cron(0 12 * * * *)", "cron(0 12 1 * MON *)",
        "cron(0 12 ? * ? *)", "cron(0 9 ? * 3#1,6#3 *)", "cron(60 * * * ? *)", "cron(0 24 * * ? *)",
        "cron(0 0 32 * ? *)", "cron(0 0 ? 13 MON *)", "cron(0 0 ? * 8 *)", "cron(0 0 * * ? 1969)",
        "cron(0 0 * * ? 2200)", "cron(0 0 ? * 5W *)", "cron(? 0 * * ? *)", "cron(INVALID)",
        "cron(0 dummy ? * MON-FRI *)", "cron(7 20 * * NOT *)", "cron(71 8 1 * ? *)", "cron(0 1 * * * *)",
        "cron(0 0 ? * 1#6 *)", "cron(0 0 ? * 0 *)", "cron(0 0 0 * ? *)", "cron(0/0 * * * ? *)", "cron(0 L * * ? *)",
        "cron(0 0 ? * 1/2 *)", "cron(0 0 1,L * ? *)", "cron()", "rate(1 minutes)", "rate(5 minute)",
        "rate(0 minutes)", "rate(-5 minutes)", "rate(30 seconds)", "rate(1 week)", "rate(1 month)",
        "rate(1.5 hours)", "rate(5minutes)", "rate(minutes 5)", "0 12 * * ? *", "rate(99999999999999999999 days)",
        "RATE(1 minute)", " rate(1 minute)", ""})
    void refusesWhatEventBridgeRefuses(String expression) {
        assertThatThrownBy(() -> Schedule.parse(expression)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateCountsFromTheStartNotFromClockBoundaries() {
        Schedule rate = Schedule.parse("rate(5 minutes)");
        Instant start = Instant.parse("2026-01-01T12:03:27Z");
        assertThat(rate.next(start, start)).contains(Instant.parse("2026-01-01T12:08:27Z"));
        assertThat(rate.next(Instant.parse("2026-01-01T12:08:27Z"), start))
                .contains(Instant.parse("2026-01-01T12:13:27Z"));
        assertThat(rate.next(Instant.parse("2026-01-01T12:09:00Z"), start))
                .contains(Instant.parse("2026-01-01T12:13:27Z"));
        assertThat(rate.next(Instant.parse("2026-01-01T00:00:00Z"), start))
                .as("before the start, the first fire is one period after it")
                .contains(Instant.parse("2026-01-01T12:08:27Z"));
        assertThat(((RateSchedule) Schedule.parse("rate(2 days)")).period()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void everyMinuteFiresOnMinuteBoundariesStrictlyAfter() {
        assertThat(fires("cron(* * * * ? *)", "2026-01-01T12:03:27Z", 3))
                .containsExactly("2026-01-01T12:04:00Z", "2026-01-01T12:05:00Z", "2026-01-01T12:06:00Z");
        assertThat(fires("cron(* * * * ? *)", "2026-01-01T12:04:00Z", 1)).containsExactly("2026-01-01T12:05:00Z");
    }

    @Test
    void listsRangesAndIncrements() {
        assertThat(fires("cron(5,35 14 * * ? *)", "2026-03-01T14:10:00Z", 3))
                .containsExactly("2026-03-01T14:35:00Z", "2026-03-02T14:05:00Z", "2026-03-02T14:35:00Z");
        assertThat(fires("cron(1/10 0 * * ? *)", "2026-03-01T00:00:00Z", 6)).containsExactly(
                "2026-03-01T00:01:00Z", "2026-03-01T00:11:00Z", "2026-03-01T00:21:00Z", "2026-03-01T00:31:00Z",
                "2026-03-01T00:41:00Z", "2026-03-01T00:51:00Z");
        assertThat(fires("cron(0 10-12/2 * * ? *)", "2026-03-01T00:00:00Z", 3))
                .containsExactly("2026-03-01T10:00:00Z", "2026-03-01T12:00:00Z", "2026-03-02T10:00:00Z");
    }

    @Test
    void hourRangesWrapPastMidnightEachFieldMatchingOnItsOwn() {
        // 2026-11-27 is a Friday. 20-2 is 20,21,22,23,0,1,2; the day field still decides the day, so Saturday's
        // small hours do not fire, Friday's do.
        assertThat(fires("cron(0 20-2 ? * FRI *)", "2026-11-27T19:00:00Z", 8)).containsExactly(
                "2026-11-27T20:00:00Z", "2026-11-27T21:00:00Z", "2026-11-27T22:00:00Z", "2026-11-27T23:00:00Z",
                "2026-12-04T00:00:00Z", "2026-12-04T01:00:00Z", "2026-12-04T02:00:00Z", "2026-12-04T20:00:00Z");
    }

    @Test
    void weekdaysUseOneForSunday() {
        // 2026-11-22 is a Sunday.
        assertThat(fires("cron(0 0 ? * 1 *)", "2026-11-20T00:00:00Z", 2))
                .containsExactly("2026-11-22T00:00:00Z", "2026-11-29T00:00:00Z");
        assertThat(fires("cron(0 18 ? * MON-FRI *)", "2026-11-27T18:00:00Z", 2))
                .as("Friday's fire is past: next are Monday and Tuesday")
                .containsExactly("2026-11-30T18:00:00Z", "2026-12-01T18:00:00Z");
        assertThat(fires("cron(0 0 ? * L *)", "2026-11-22T00:00:00Z", 1)).containsExactly("2026-11-28T00:00:00Z");
    }

    @Test
    void lastDayOfMonthFollowsMonthLengthsAndLeapYears() {
        assertThat(fires("cron(0 0 L * ? *)", "2028-01-15T00:00:00Z", 4)).containsExactly(
                "2028-01-31T00:00:00Z", "2028-02-29T00:00:00Z", "2028-03-31T00:00:00Z", "2028-04-30T00:00:00Z");
    }

    @Test
    void nthAndLastWeekdayOfTheMonth() {
        assertThat(fires("cron(0 9 ? * 2#1 *)", "2026-11-01T00:00:00Z", 3)).as("first Mondays").containsExactly(
                "2026-11-02T09:00:00Z", "2026-12-07T09:00:00Z", "2027-01-04T09:00:00Z");
        assertThat(fires("cron(0 2 ? * SAT#3 *)", "2026-11-01T00:00:00Z", 1)).containsExactly("2026-11-21T02:00:00Z");
        assertThat(fires("cron(15 10 ? * 6L 2019-2022)", "2022-10-01T00:00:00Z", 4)).as("last Fridays, then none")
                .containsExactly("2022-10-28T10:15:00Z", "2022-11-25T10:15:00Z", "2022-12-30T10:15:00Z");
    }

    @Test
    void nearestWeekdayStaysInTheMonth() {
        // 2026-08-01 is a Saturday: 1W moves forward to Monday the 3rd, not back into July.
        assertThat(fires("cron(0 12 1W * ? *)", "2026-07-31T00:00:00Z", 1)).containsExactly("2026-08-03T12:00:00Z");
        // 2026-11-15 is a Sunday: 15W is Monday the 16th; 2026-11-14 (Saturday) 14W is Friday the 13th.
        assertThat(fires("cron(0 12 15W * ? *)", "2026-11-01T00:00:00Z", 1)).containsExactly("2026-11-16T12:00:00Z");
        assertThat(fires("cron(0 12 14W * ? *)", "2026-11-01T00:00:00Z", 1)).containsExactly("2026-11-13T12:00:00Z");
        // 2026-05-31 is a Sunday and the month's last day: 31W is Friday the 29th. June has no 31st.
        assertThat(fires("cron(0 12 31W * ? *)", "2026-05-01T00:00:00Z", 2))
                .containsExactly("2026-05-29T12:00:00Z", "2026-07-31T12:00:00Z");
        assertThat(fires("cron(0 0 LW * ? *)", "2026-10-01T00:00:00Z", 1)).as("Oct 31 2026 is a Saturday")
                .containsExactly("2026-10-30T00:00:00Z");
    }

    @Test
    void monthsAndYearsByNameAndRange() {
        assertThat(fires("cron(0 0 1 JAN,JUL ? *)", "2026-02-01T00:00:00Z", 2))
                .containsExactly("2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z");
        assertThat(fires("cron(0/5 5 ? JAN 1-5 2022)", "2026-01-01T00:00:00Z", 1)).as("only in the past").isEmpty();
        assertThat(fires("cron(0 0 1 1 ? 2199)", "2026-01-01T00:00:00Z", 2)).containsExactly("2199-01-01T00:00:00Z");
    }

    @Test
    void domValuesCanWrapAndStep() {
        assertThat(fires("cron(0 0 30-2 * ? *)", "2026-04-01T00:00:00Z", 4)).containsExactly(
                "2026-04-02T00:00:00Z", "2026-04-30T00:00:00Z", "2026-05-01T00:00:00Z", "2026-05-02T00:00:00Z");
    }
}
