package io.stratus.store.events;

import io.stratus.store.async.AsyncQueue;
import java.util.List;
import java.util.Optional;

/**
 * Durable EventBridge rules of the default event bus, their targets, the scheduler's record of what it fired and
 * the scheduler's timeline. Every method is one transaction. Times are on the scheduler's timeline (the simulated
 * clock, which is the real clock unless a test speeds it up), in epoch milliseconds.
 */
public interface RuleStore {

    /**
     * Creates a rule or replaces the settings of an existing one (keeping its creation time, targets and last
     * fire). A {@code rate()} schedule starts counting at {@code nowMs} when the rule is new, when its schedule
     * expression changes, or when it goes from disabled to enabled; otherwise its start is kept.
     *
     * @return the stored rule
     */
    Rule put(RuleSettings settings, long nowMs);

    Optional<Rule> get(String name);

    /** Rules whose names start with {@code namePrefix}, in name order, after {@code afterName} (exclusive). */
    List<Rule> list(String namePrefix, Optional<String> afterName, int limit);

    /**
     * Sets ENABLED or DISABLED; enabling a disabled rule restarts its rate() counting at {@code nowMs}.
     *
     * @return false when the rule does not exist
     */
    boolean setState(String name, String state, long nowMs);

    /** Deletes a rule and its targets; false when it did not exist. */
    boolean delete(String name);

    /** The rule's targets in the order they were first added. */
    List<Target> targets(String ruleName);

    /** Adds or replaces targets by id (a replaced target keeps its place). */
    void putTargets(String ruleName, List<Target> targets);

    /** Removes targets by id; ids the rule does not have are ignored. */
    void removeTargets(String ruleName, List<String> ids);

    /** Enabled rules that have a schedule expression. */
    List<Rule> scheduled();

    /**
     * Records that a rule fired for the scheduled time {@code firedMs} and queues its invocations, atomically: both
     * happen or neither. Refused (nothing written) when the rule changed since the scheduler read it (its
     * generation differs) or was disabled or deleted, so a fire is never recorded twice nor for a stale rule.
     *
     * @return whether the fire was recorded
     */
    boolean recordFire(String ruleName, long generation, long firedMs, List<AsyncQueue.Event> events);

    /**
     * The scheduler's timeline for this run, stored so it continues across restarts. The first run stores
     * {@code real = simulated} at {@code realNowMs}. A run with the stored scale keeps the stored anchor; a run with
     * another scale re-anchors at the current simulated time (scale 1 re-joins the real clock instead).
     */
    ClockAnchor clockAnchor(double scale, long realNowMs);

    /**
     * What PutRule sets.
     *
     * @param name               the rule name
     * @param eventBusName       always {@code default} here
     * @param scheduleExpression rate() or cron(), when a scheduled rule
     * @param eventPattern       the event pattern JSON, when a pattern rule
     * @param state              ENABLED, DISABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS
     * @param description        free text
     * @param roleArn            the rule's role
     */
    record RuleSettings(String name, String eventBusName, Optional<String> scheduleExpression,
                        Optional<String> eventPattern, String state, Optional<String> description,
                        Optional<String> roleArn) {
    }

    /**
     * A stored rule.
     *
     * @param settings        what PutRule set
     * @param createdMs       when it was first created
     * @param generation      grows with every change of the rule
     * @param scheduleStartMs when its rate() schedule started counting
     * @param lastFiredMs     the scheduled time of its last fire
     */
    record Rule(RuleSettings settings, long createdMs, long generation, long scheduleStartMs,
                Optional<Long> lastFiredMs) {

        public String name() {
            return settings.name();
        }

        public boolean enabled() {
            return !settings.state().equals("DISABLED");
        }
    }

    /**
     * One target of a rule.
     *
     * @param id        the target id, unique within the rule
     * @param arn       the Lambda function ARN (possibly qualified)
     * @param input     constant JSON text sent instead of the event
     * @param inputPath a JSONPath selecting the part of the event to send
     */
    record Target(String id, String arn, Optional<String> input, Optional<String> inputPath) {
    }

    /**
     * The relation of the scheduler's timeline to the real clock:
     * {@code simulated = simulatedAnchorMs + (real - realAnchorMs) * scale}.
     */
    record ClockAnchor(long realAnchorMs, long simulatedAnchorMs, double scale) {
    }
}
