package io.stratus.api.schedule;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What a rule owes at a moment: the scheduled times that have come and not been fired (the most recent
 * {@link #MAX_LATE_FIRES} of them; older ones are skipped), and the next one still to come.
 *
 * @param times scheduled times to fire now, oldest first
 * @param next  the first scheduled time after now; empty when the schedule has ended
 */
record Due(List<Instant> times, Optional<Instant> next) {

    /** Most missed scheduled times fired late per rule (after an outage, say). */
    static final int MAX_LATE_FIRES = 10;
    /** Bounds one catch-up walk (a year of rate(1 minute) is about half of it). */
    private static final int MAX_STEPS = 1_000_000;

    /**
     * @param start     when the rule's schedule started counting (creation, enabling, change of expression)
     * @param lastFired the last scheduled time fired; one before {@code start} belongs to an earlier life of the
     *                  rule and is ignored, so a re-enabled rule does not fire the time it spent disabled
     */
    static Due at(Schedule schedule, Instant start, Optional<Instant> lastFired, Instant now) {
        Instant after = lastFired.filter(t -> t.isAfter(start)).orElse(start);
        Deque<Instant> due = new ArrayDeque<>();
        Optional<Instant> next = schedule.next(after, start);
        for (int steps = 0; next.isPresent() && !next.get().isAfter(now) && steps < MAX_STEPS; steps++) {
            if (due.size() == MAX_LATE_FIRES) {
                due.removeFirst();
            }
            due.addLast(next.get());
            next = schedule.next(next.get(), start);
        }
        return new Due(List.copyOf(due), next);
    }
}
