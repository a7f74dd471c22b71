package io.stratus.api.schedule;

import io.stratus.store.events.RuleStore;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The scheduler's time: the real clock, or for tests the real clock sped up by a scale (60 makes a minute pass in a
 * second). Only schedules see it; invocations, retries and logs keep real time.
 *
 * <p>Simulated time is {@code simulatedAnchor + (real - realAnchor) * scale}, with the anchor stored in the
 * database: across a restart simulated time goes on from where the real clock puts it (it ran on while the server
 * was down, as real time does), so it never goes back — which could fire a scheduled time twice — and never jumps
 * past a scheduled time without the scheduler seeing it as missed. Thread-safe; immutable after creation.
 */
public final class ScheduleClock implements InstantSource {

    private final InstantSource real;
    private final RuleStore.ClockAnchor anchor;

    private ScheduleClock(InstantSource real, RuleStore.ClockAnchor anchor) {
        this.real = real;
        this.anchor = anchor;
    }

    /**
     * The timeline for this run.
     *
     * @param scale how many times faster than real time schedules run; 1 is real time
     */
    public static ScheduleClock open(RuleStore store, double scale, InstantSource real) {
        if (!(scale >= 1) || scale > 10_000) {
            throw new IllegalArgumentException("the schedule clock scale must be between 1 and 10000, got " + scale);
        }
        return new ScheduleClock(real, store.clockAnchor(scale, real.millis()));
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return anchor.simulatedAnchorMs() + (long) Math.floor((real.millis() - anchor.realAnchorMs())
                * anchor.scale());
    }

    /** The real-clock millisecond at which simulated time reaches {@code simulated} (never earlier). */
    public long realMillisAt(Instant simulated) {
        return anchor.realAnchorMs() + (long) Math.ceil((simulated.toEpochMilli() - anchor.simulatedAnchorMs())
                / anchor.scale());
    }

    /** The real clock's current millisecond. */
    public long realMillis() {
        return real.millis();
    }
}
