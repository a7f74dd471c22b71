package io.stratus.api.events;

import io.stratus.api.AwsJsonHandler;
import io.stratus.api.Route;
import io.stratus.api.lambda.FunctionInvoker;
import io.stratus.api.schedule.ScheduleClock;
import io.stratus.api.schedule.Scheduler;
import io.stratus.model.function.Partition;
import io.stratus.store.events.RuleStore;
import java.time.InstantSource;
import java.util.Map;

/**
 * The EventBridge rules API (AWS JSON 1.1, {@code X-Amz-Target: AWSEvents.<Operation>}) on the default event bus,
 * and the scheduler that fires its scheduled rules. Lifecycle: construct, {@link #recover()} (starts the
 * scheduler), {@link #close()}.
 */
public final class EventsApi implements AutoCloseable {

    /** The X-Amz-Target prefix of EventBridge. */
    public static final String TARGET_PREFIX = "AWSEvents";

    private final Scheduler scheduler;
    private final RulesApi rules;
    private final TargetsApi targets;

    /**
     * @param clockScale how many times faster than real time schedules run (1 in production; tests speed it up)
     */
    public EventsApi(RuleStore store, FunctionInvoker invoker, Partition partition, double clockScale) {
        ScheduleClock clock = ScheduleClock.open(store, clockScale, InstantSource.system());
        this.scheduler = new Scheduler(store, invoker, clock, partition);
        this.rules = new RulesApi(store, partition, clock, scheduler::wake);
        this.targets = new TargetsApi(store, rules);
    }

    /** Starts firing scheduled rules, first the scheduled times missed while the server was down. */
    public void recover() {
        scheduler.start();
    }

    /** The JSON 1.1 handler serving every operation. */
    public AwsJsonHandler handler() {
        return new AwsJsonHandler(TARGET_PREFIX, Map.<String, Route.Operation>of(
                "PutRule", rules::putRule,
                "DescribeRule", rules::describeRule,
                "ListRules", rules::listRules,
                "EnableRule", rules::enableRule,
                "DisableRule", rules::disableRule,
                "DeleteRule", rules::deleteRule,
                "PutTargets", targets::putTargets,
                "RemoveTargets", targets::removeTargets,
                "ListTargetsByRule", targets::listTargetsByRule));
    }

    /** Stops the scheduler; scheduled times that pass meanwhile are fired late by the next start. */
    @Override
    public void close() {
        scheduler.close();
    }
}
