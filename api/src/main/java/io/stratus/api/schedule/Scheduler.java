package io.stratus.api.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import io.stratus.api.lambda.FunctionInvoker;
import io.stratus.model.error.AwsException;
import io.stratus.model.function.Partition;
import io.stratus.store.async.AsyncQueue;
import io.stratus.store.events.RuleStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires enabled scheduled rules: one background thread that wakes at the next scheduled time of any rule (on the
 * {@link ScheduleClock}), and for each scheduled time that has come queues one asynchronous invocation per target
 * through {@link FunctionInvoker}, so Lambda's asynchronous retries apply.
 *
 * <p>Design notes. A rule's last fired scheduled time is stored with the queued invocations in one transaction
 * ({@link RuleStore#recordFire}), compare-and-set on the rule's generation: a scheduled time is fired at most once,
 * also across crashes, and a fire computed from a rule that changed meanwhile is dropped and recomputed. Nothing
 * is held in memory between rounds, so a restart simply continues from the stored record: scheduled times that
 * passed while the server was down are fired late, once each, but at most the last {@link Due#MAX_LATE_FIRES} of a
 * rule (older ones are skipped, as a long outage would otherwise flood the functions). A rate() rule counts from
 * its start (creation, enabling, or change of expression); a cron() rule fires on minute boundaries after it.
 *
 * <p>Threading: the scheduler thread alone fires; {@link #wake()} (called after rule changes) only unparks it.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** Longest sleep between rounds, in real time, even with nothing due. */
    private static final long MAX_SLEEP_MS = 30_000;
    private static final String PRINCIPAL = "events.amazonaws.com";

    private final RuleStore store;
    private final FunctionInvoker invoker;
    private final ScheduleClock clock;
    private final Partition partition;
    private volatile boolean stopped;
    /** Set once by {@link #start()}. */
    private volatile Thread thread;

    /**
     * @param store     the rules and their fire records
     * @param invoker   admits each target's invocation (policy, function state) before it is queued
     * @param clock     the scheduler's timeline
     * @param partition account and region of rule ARNs and scheduled events
     */
    public Scheduler(RuleStore store, FunctionInvoker invoker, ScheduleClock clock, Partition partition) {
        this.store = store;
        this.invoker = invoker;
        this.clock = clock;
        this.partition = partition;
    }

    /** {@code arn:aws:events:REGION:ACCOUNT:rule/NAME}, a rule of the default event bus. */
    public static String ruleArn(Partition partition, String name) {
        return "arn:aws:events:" + partition.region() + ":" + partition.accountId() + ":rule/" + name;
    }

    /** Starts the scheduler thread; it first fires what was missed while the server was down. */
    public void start() {
        thread = Thread.ofPlatform().name("schedule-rules").daemon(true).start(this::run);
    }

    /** Makes the scheduler look at the rules again now (one was created, changed or enabled). */
    public void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void run() {
        while (!stopped) {
            long nextRealMs;
            try {
                nextRealMs = fireDue();
            } catch (RuntimeException e) {
                LOG.warn("scheduled rules could not be fired; trying again in a second", e);
                nextRealMs = clock.realMillis() + 1000;
            }
            long sleepMs = Math.min(MAX_SLEEP_MS, nextRealMs - clock.realMillis());
            if (sleepMs > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(sleepMs));
            }
        }
    }

    /**
     * One round: fires every rule whose scheduled time has come.
     *
     * @return the real-clock millisecond of the next scheduled time of any rule
     */
    long fireDue() {
        Instant now = clock.instant();
        Instant earliest = Instant.MAX;
        for (RuleStore.Rule rule : store.scheduled()) {
            Schedule schedule;
            try {
                schedule = Schedule.parse(rule.settings().scheduleExpression().orElseThrow());
            } catch (IllegalArgumentException e) {
                LOG.warn("rule {} has an unusable schedule: {}", rule.name(), e.getMessage());
                continue;
            }
            Due due = Due.at(schedule, Instant.ofEpochMilli(rule.scheduleStartMs()),
                    rule.lastFiredMs().map(Instant::ofEpochMilli), now);
            if (!due.times().isEmpty()) {
                fire(rule, due.times());
            }
            if (due.next().isPresent() && due.next().get().isBefore(earliest)) {
                earliest = due.next().get();
            }
        }
        return earliest.equals(Instant.MAX) ? clock.realMillis() + MAX_SLEEP_MS : clock.realMillisAt(earliest);
    }

    private void fire(RuleStore.Rule rule, List<Instant> scheduledTimes) {
        String ruleArn = ruleArn(partition, rule.name());
        List<RuleStore.Target> targets = store.targets(rule.name());
        List<AsyncQueue.Event> events = new ArrayList<>();
        for (Instant time : scheduledTimes) {
            ObjectNode event = ScheduledEvent.of(UUID.randomUUID().toString(), time, partition, ruleArn);
            for (RuleStore.Target target : targets) {
                admit(rule, target, payload(event, target), ruleArn).ifPresent(events::add);
            }
        }
        Instant last = scheduledTimes.getLast();
        if (store.recordFire(rule.name(), rule.generation(), last.toEpochMilli(), events)) {
            invoker.asyncEventsStored();
            LOG.debug("rule {} fired for {} ({} late) with {} invocations", rule.name(), last,
                    scheduledTimes.size() - 1, events.size());
        }
    }

    private static byte[] payload(ObjectNode event, RuleStore.Target target) {
        if (target.input().isPresent()) {
            return target.input().get().getBytes(StandardCharsets.UTF_8);
        }
        if (target.inputPath().isPresent()) {
            return WireJson.bytes(ScheduledEvent.select(event, target.inputPath().get()));
        }
        return WireJson.bytes(event);
    }

    /**
     * Admits one target's invocation. A target that cannot be invoked (its function is gone, or its policy refuses
     * EventBridge) misses this fire: it is logged, and the other targets still fire.
     */
    private Optional<AsyncQueue.Event> admit(RuleStore.Rule rule, RuleStore.Target target, byte[] payload,
                                             String ruleArn) {
        try {
            return Optional.of(invoker.admitAsync(target.arn(), Optional.empty(), payload,
                    FunctionInvoker.Caller.service(PRINCIPAL, ruleArn)));
        } catch (AwsException e) {
            LOG.warn("rule {} cannot invoke target {} ({}): {}", rule.name(), target.id(), target.arn(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Stops the scheduler thread; what it has not fired is fired (late) by the next start. */
    @Override
    public void close() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
