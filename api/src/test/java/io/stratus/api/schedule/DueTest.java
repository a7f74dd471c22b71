package io.stratus.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DueTest {

    private static final Instant START = Instant.parse("2026-01-01T12:00:30Z");

    private static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + "Z");
    }

    @Test
    void nothingIsDueBeforeTheFirstPeriodHasPassed() {
        Due due = Due.at(Schedule.parse("rate(1 minute)"), START, Optional.empty(), at("12:01:29"));
        assertThat(due.times()).isEmpty();
        assertThat(due.next()).contains(at("12:01:30"));
    }

    @Test
    void aScheduledTimeIsDueFromItsInstantOnAndOnlyUntilFired() {
        Schedule every = Schedule.parse("rate(1 minute)");
        assertThat(Due.at(every, START, Optional.empty(), at("12:01:30")).times()).containsExactly(at("12:01:30"));
        Due after = Due.at(every, START, Optional.of(at("12:01:30")), at("12:01:31"));
        assertThat(after.times()).isEmpty();
        assertThat(after.next()).contains(at("12:02:30"));
    }

    @Test
    void missedTimesAreDueOnceEachButOnlyTheLastTen() {
        Schedule cron = Schedule.parse("cron(* * * * ? *)");
        Due three = Due.at(cron, START, Optional.of(at("12:05:00")), at("12:08:10"));
        assertThat(three.times()).containsExactly(at("12:06:00"), at("12:07:00"), at("12:08:00"));
        assertThat(three.next()).contains(at("12:09:00"));

        Due hours = Due.at(cron, START, Optional.of(at("12:05:00")), at("15:00:00"));
        assertThat(hours.times()).hasSize(Due.MAX_LATE_FIRES).first().isEqualTo(at("14:51:00"));
        assertThat(hours.times()).last().isEqualTo(at("15:00:00"));
    }

    @Test
    void aFireFromBeforeTheRuleWasReEnabledDoesNotCount() {
        // Fired at 12:05, disabled, enabled again at 13:00:30: the disabled hour is not owed.
        Instant reEnabled = at("13:00:30");
        Due due = Due.at(Schedule.parse("cron(* * * * ? *)"), reEnabled, Optional.of(at("12:05:00")),
                at("13:02:00"));
        assertThat(due.times()).containsExactly(at("13:01:00"), at("13:02:00"));
    }

    @Test
    void anEndedScheduleOwesNothingAndHasNoNextTime() {
        Due due = Due.at(Schedule.parse("cron(0 0 1 1 ? 2020)"), START, Optional.empty(), at("13:00:00"));
        assertThat(due.times()).isEmpty();
        assertThat(due.next()).isEmpty();
    }
}
