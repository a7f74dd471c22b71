package io.stratus.api.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.WireJson;
import io.stratus.api.schedule.Schedule;
import io.stratus.api.schedule.ScheduleClock;
import io.stratus.api.schedule.Scheduler;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.ServiceError;
import io.stratus.model.error.ValidationException;
import io.stratus.model.function.Partition;
import io.stratus.store.events.RuleStore;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * PutRule, DescribeRule, ListRules, EnableRule, DisableRule and DeleteRule on the default event bus. Rule changes
 * wake the scheduler so a new or re-enabled schedule is counted from now.
 */
final class RulesApi {

    private static final List<String> STATES = List.of("DISABLED", "ENABLED",
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
    private static final int DEFAULT_LIMIT = 100;

    private final RuleStore store;
    private final Partition partition;
    private final DefaultBus bus;
    private final ScheduleClock clock;
    private final Runnable rulesChanged;

    RulesApi(RuleStore store, Partition partition, ScheduleClock clock, Runnable rulesChanged) {
        this.store = store;
        this.partition = partition;
        this.bus = new DefaultBus(partition);
        this.clock = clock;
        this.rulesChanged = rulesChanged;
    }

    ApiResponse putRule(ApiRequest request) {
        EventsRequest in = EventsRequest.parse(request.body());
        String name = in.string("Name").orElse(null);
        Optional<String> schedule = in.string("ScheduleExpression");
        Optional<String> pattern = in.string("EventPattern");
        Optional<String> busName = in.string("EventBusName");
        String state = in.string("State").orElse("ENABLED");
        Optional<String> description = in.string("Description");
        Optional<String> roleArn = in.string("RoleArn");
        ConstraintViolations v = new ConstraintViolations();
        DefaultBus.checkNames(v, name, "name", busName);
        v.length(schedule.orElse(null), "scheduleExpression", 0, 256)
                .oneOf(state, "state", STATES)
                .length(description.orElse(null), "description", 0, 512)
                .length(roleArn.orElse(null), "roleArn", 1, 1600)
                .throwIfAny();
        if (schedule.isEmpty() && pattern.isEmpty()) {
            throw new ValidationException("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        if (schedule.isPresent() && !bus.isDefault(busName)) {
            throw new ValidationException("ScheduleExpression is supported only on the default event bus.");
        }
        bus.require(busName);
        schedule.ifPresent(RulesApi::checkSchedule);
        pattern.ifPresent(RulesApi::checkPattern);
        store.put(new RuleStore.RuleSettings(name, DefaultBus.NAME, schedule, pattern, state, description, roleArn),
                now());
        rulesChanged.run();
        ObjectNode out = WireJson.object();
        out.put("RuleArn", Scheduler.ruleArn(partition, name));
        return ApiResponse.json(200, out);
    }

    private static void checkSchedule(String expression) {
        try {
            Schedule.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Parameter ScheduleExpression is not valid.");
        }
    }

    /**
     * An event pattern must be a JSON object; it is stored but never matched, as this platform has no event bus to
     * put events on yet.
     */
    private static void checkPattern(String pattern) {
        boolean object;
        try {
            object = WireJson.MAPPER.readTree(pattern) instanceof ObjectNode;
        } catch (IOException e) {
            object = false;
        }
        if (!object) {
            throw new ServiceError(400, "InvalidEventPatternException",
                    "Event pattern is not valid. Reason: Filter is not an object");
        }
    }

    ApiResponse describeRule(ApiRequest request) {
        RuleStore.Rule rule = existing(EventsRequest.parse(request.body()), "Name", "name");
        ObjectNode out = WireJson.object();
        out.put("Name", rule.name());
        out.put("Arn", Scheduler.ruleArn(partition, rule.name()));
        writeSettings(out, rule.settings());
        out.put("EventBusName", DefaultBus.NAME);
        out.put("CreatedBy", partition.accountId());
        return ApiResponse.json(200, out);
    }

    private static void writeSettings(ObjectNode out, RuleStore.RuleSettings s) {
        s.eventPattern().ifPresent(p -> out.put("EventPattern", p));
        s.scheduleExpression().ifPresent(e -> out.put("ScheduleExpression", e));
        out.put("State", s.state());
        s.description().ifPresent(d -> out.put("Description", d));
        s.roleArn().ifPresent(r -> out.put("RoleArn", r));
    }

    ApiResponse listRules(ApiRequest request) {
        EventsRequest in = EventsRequest.parse(request.body());
        String prefix = in.string("NamePrefix").orElse(null);
        Optional<String> token = in.string("NextToken");
        Long limit = in.integer("Limit").orElse(null);
        Optional<String> busName = in.string("EventBusName");
        ConstraintViolations v = new ConstraintViolations();
        v.length(prefix, "namePrefix", 1, 64).pattern(prefix, "namePrefix", DefaultBus.NAME_PATTERN)
                .length(token.orElse(null), "nextToken", 1, 2048)
                .range(limit, "limit", 1, 100);
        DefaultBus.checkBus(v, busName);
        v.throwIfAny();
        bus.require(busName);
        int pageSize = limit == null ? DEFAULT_LIMIT : limit.intValue();
        List<RuleStore.Rule> page = store.list(prefix == null ? "" : prefix, DefaultBus.afterToken(token),
                pageSize + 1);
        ObjectNode out = WireJson.object();
        ArrayNode rules = out.putArray("Rules");
        for (RuleStore.Rule rule : page.subList(0, Math.min(pageSize, page.size()))) {
            ObjectNode r = rules.addObject();
            r.put("Name", rule.name());
            r.put("Arn", Scheduler.ruleArn(partition, rule.name()));
            writeSettings(r, rule.settings());
            r.put("EventBusName", DefaultBus.NAME);
        }
        if (page.size() > pageSize) {
            out.put("NextToken", DefaultBus.token(page.get(pageSize - 1).name()));
        }
        return ApiResponse.json(200, out);
    }

    ApiResponse enableRule(ApiRequest request) {
        return setState(request, "ENABLED");
    }

    ApiResponse disableRule(ApiRequest request) {
        return setState(request, "DISABLED");
    }

    private ApiResponse setState(ApiRequest request, String state) {
        RuleStore.Rule rule = existing(EventsRequest.parse(request.body()), "Name", "name");
        store.setState(rule.name(), state, now());
        rulesChanged.run();
        return ApiResponse.json(200, WireJson.object());
    }

    /**
     * Deletes a rule without targets. Force only matters for rules managed by another AWS service, which do not
     * exist here, so a rule with targets is refused with or without it, as EventBridge refuses it. Deleting a rule
     * that does not exist succeeds.
     */
    ApiResponse deleteRule(ApiRequest request) {
        EventsRequest in = EventsRequest.parse(request.body());
        String name = in.string("Name").orElse(null);
        Optional<String> busName = in.string("EventBusName");
        in.flag("Force");
        ConstraintViolations v = new ConstraintViolations();
        DefaultBus.checkNames(v, name, "name", busName);
        v.throwIfAny();
        bus.require(busName);
        if (store.get(name).isPresent()) {
            if (!store.targets(name).isEmpty()) {
                throw new ValidationException("Rule can't be deleted since it has targets.");
            }
            store.delete(name);
            rulesChanged.run();
        }
        return ApiResponse.json(200, WireJson.object());
    }

    /** The rule a request names in {@code member}, after checking the name and bus. */
    RuleStore.Rule existing(EventsRequest in, String member, String wireMember) {
        String name = in.string(member).orElse(null);
        Optional<String> busName = in.string("EventBusName");
        ConstraintViolations v = new ConstraintViolations();
        DefaultBus.checkNames(v, name, wireMember, busName);
        v.throwIfAny();
        bus.require(busName);
        return store.get(name).orElseThrow(() -> DefaultBus.ruleNotFound(name));
    }

    /** Now on the scheduler's timeline, to the second, so rate() fire times fall on whole seconds. */
    private long now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
    }
}
