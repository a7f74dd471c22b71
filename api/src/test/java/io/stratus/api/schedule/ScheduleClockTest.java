package io.stratus.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.store.events.SqlRuleStore;
import io.stratus.store.sql.SqliteDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleClockTest {

    @TempDir
    Path dir;

    private final AtomicLong realMs = new AtomicLong(1_000);
    private final InstantSource real = () -> Instant.ofEpochMilli(realMs.get());

    @Test
    void aFastClockRunsScaleTimesFasterAndMapsBackToRealTime() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("t.db"))) {
            ScheduleClock clock = ScheduleClock.open(new SqlRuleStore(db), 60, real);
            assertThat(clock.millis()).isEqualTo(1_000);
            realMs.set(2_000);
            assertThat(clock.millis()).as("a real second is a simulated minute").isEqualTo(61_000);
            assertThat(clock.realMillisAt(Instant.ofEpochMilli(121_000))).isEqualTo(3_000);
            assertThat(clock.realMillisAt(Instant.ofEpochMilli(121_001))).as("never before the time").isEqualTo(3_001);
        }
    }

    @Test
    void aRestartContinuesTheTimelineNeitherBackNorSkippingUnseen() {
        long simulatedAtStop;
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("t.db"))) {
            ScheduleClock first = ScheduleClock.open(new SqlRuleStore(db), 60, real);
            realMs.set(11_000);
            simulatedAtStop = first.millis();
        }
        realMs.set(14_000);
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("t.db"))) {
            ScheduleClock second = ScheduleClock.open(new SqlRuleStore(db), 60, real);
            assertThat(second.millis()).as("three real seconds of downtime are three simulated minutes")
                    .isEqualTo(simulatedAtStop + 180_000);
        }
    }

    @Test
    void theScaleIsBounded() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("t.db"))) {
            assertThatThrownBy(() -> ScheduleClock.open(new SqlRuleStore(db), 0.5, real))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(ScheduleClock.open(new SqlRuleStore(db), 1, real).millis()).isEqualTo(realMs.get());
        }
    }
}
