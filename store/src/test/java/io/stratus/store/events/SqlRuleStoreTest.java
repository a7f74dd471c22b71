package io.stratus.store.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.store.async.AsyncQueue;
import io.stratus.store.async.SqlAsyncQueue;
import io.stratus.store.sql.SqliteDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules store on a real SQLite file: fire records, rate() starts and the scheduler's timeline. */
class SqlRuleStoreTest {

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private RuleStore store;
    private AsyncQueue queue;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
        store = new SqlRuleStore(db);
        queue = new SqlAsyncQueue(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static RuleStore.RuleSettings rule(String expression, String state) {
        return new RuleStore.RuleSettings("r", "default", Optional.of(expression), Optional.empty(), state,
                Optional.empty(), Optional.empty());
    }

    private static AsyncQueue.Event event(String id) {
        return new AsyncQueue.Event(id, "f", "$LATEST", "{}".getBytes(), 0, 0);
    }

    @Test
    void aFireIsRecordedWithItsInvocationsOnceAndNeverForAChangedRule() {
        RuleStore.Rule r = store.put(rule("rate(1 minute)", "ENABLED"), 1_000);
        assertThat(store.recordFire("r", r.generation(), 61_000, List.of(event("a"), event("b")))).isTrue();
        assertThat(queue.depth().events()).isEqualTo(2);
        assertThat(store.get("r").orElseThrow().lastFiredMs()).contains(61_000L);

        assertThat(store.recordFire("r", r.generation(), 61_000, List.of(event("c"))))
                .as("the same scheduled time again").isFalse();
        store.setState("r", "DISABLED", 70_000);
        assertThat(store.recordFire("r", r.generation(), 121_000, List.of(event("d"))))
                .as("the rule changed since it was read").isFalse();
        RuleStore.Rule disabled = store.get("r").orElseThrow();
        assertThat(store.recordFire("r", disabled.generation(), 121_000, List.of(event("e"))))
                .as("disabled").isFalse();
        assertThat(queue.depth().events()).as("refused fires queue nothing").isEqualTo(2);
        assertThat(store.scheduled()).isEmpty();
    }

    @Test
    void rateCountingRestartsOnlyWhenTheExpressionChangesOrTheRuleIsEnabled() {
        assertThat(store.put(rule("rate(1 minute)", "ENABLED"), 1_000).scheduleStartMs()).isEqualTo(1_000);
        assertThat(store.put(rule("rate(1 minute)", "ENABLED"), 2_000).scheduleStartMs()).isEqualTo(1_000);
        assertThat(store.put(rule("rate(2 minutes)", "ENABLED"), 3_000).scheduleStartMs()).isEqualTo(3_000);
        store.setState("r", "DISABLED", 4_000);
        assertThat(store.get("r").orElseThrow().scheduleStartMs()).isEqualTo(3_000);
        store.setState("r", "ENABLED", 5_000);
        assertThat(store.get("r").orElseThrow().scheduleStartMs()).isEqualTo(5_000);
        store.setState("r", "ENABLED", 6_000);
        assertThat(store.get("r").orElseThrow().scheduleStartMs()).as("already enabled").isEqualTo(5_000);
        store.put(rule("rate(2 minutes)", "DISABLED"), 7_000);
        assertThat(store.put(rule("rate(2 minutes)", "ENABLED"), 8_000).scheduleStartMs()).isEqualTo(8_000);
    }

    @Test
    void theTimelineContinuesAcrossRunsAndRejoinsTheRealClockAtScaleOne() {
        assertThat(store.clockAnchor(60, 1_000)).isEqualTo(new RuleStore.ClockAnchor(1_000, 1_000, 60));
        assertThat(store.clockAnchor(60, 5_000)).as("same scale: same timeline")
                .isEqualTo(new RuleStore.ClockAnchor(1_000, 1_000, 60));
        // At real 11,000 the old timeline stood at 1,000 + 10,000 * 60; a new scale continues from there.
        assertThat(store.clockAnchor(10, 11_000)).isEqualTo(new RuleStore.ClockAnchor(11_000, 601_000, 10));
        assertThat(store.clockAnchor(1, 20_000)).isEqualTo(new RuleStore.ClockAnchor(20_000, 20_000, 1));
    }

    @Test
    void deletingARuleDeletesItsTargets() {
        store.put(rule("rate(1 minute)", "ENABLED"), 1_000);
        store.putTargets("r", List.of(new RuleStore.Target("a", "arn:1", Optional.of("{}"), Optional.empty()),
                new RuleStore.Target("b", "arn:2", Optional.empty(), Optional.of("$.detail"))));
        store.putTargets("r", List.of(new RuleStore.Target("a", "arn:3", Optional.empty(), Optional.empty())));
        assertThat(store.targets("r")).extracting(RuleStore.Target::id, RuleStore.Target::arn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "arn:3"),
                        org.assertj.core.groups.Tuple.tuple("b", "arn:2"));
        assertThat(store.delete("r")).isTrue();
        assertThat(store.targets("r")).isEmpty();
        assertThat(store.delete("r")).isFalse();
    }
}
