package io.stratus.api.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.WireJson;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.ServiceError;
import io.stratus.model.error.ValidationException;
import io.stratus.store.events.RuleStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PutTargets, RemoveTargets and ListTargetsByRule. Targets are Lambda functions (a function ARN, optionally with a
 * version or alias); whether the function exists is checked when the rule fires, as EventBridge does.
 */
final class TargetsApi {

    /** EventBridge's limit of targets per rule. */
    static final int MAX_TARGETS = 5;
    private static final Pattern ARN = Pattern.compile("arn:[\\d\\w:\\-/]*");
    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:aws[\\w-]*:lambda:[a-z]{2}(-gov)?-[a-z]+-\\d:\\d{12}:function:[a-zA-Z0-9-_]{1,64}(:[a-zA-Z0-9-_$]+)?");
    private static final Pattern INPUT_PATH = Pattern.compile("\\$(\\.[^.\\s\\[\\]]+)*");

    private final RuleStore store;
    private final RulesApi rules;

    TargetsApi(RuleStore store, RulesApi rules) {
        this.store = store;
        this.rules = rules;
    }

    ApiResponse putTargets(ApiRequest request) {
        EventsRequest in = EventsRequest.parse(request.body());
        List<EventsRequest> entries = in.objects("Targets").orElse(null);
        ConstraintViolations v = new ConstraintViolations();
        v.required(entries, "targets");
        if (entries != null && (entries.isEmpty() || entries.size() > 10)) {
            v.add(entries.size(), "targets", entries.isEmpty() ? "Member must have length greater than or equal"
                    + " to 1" : "Member must have length less than or equal to 10");
        }
        List<RuleStore.Target> targets = entries == null ? List.of() : targets(entries, v);
        v.throwIfAny();
        RuleStore.Rule rule = rules.existing(in, "Rule", "rule");
        for (RuleStore.Target t : targets) {
            if (!ARN.matcher(t.arn()).matches()) {
                throw new ValidationException("Parameter " + t.arn() + " is not valid. Reason: Provided Arn is not in"
                        + " correct format.");
            }
            checkInput(t);
        }
        List<String> ids = new ArrayList<>(store.targets(rule.name()).stream().map(RuleStore.Target::id).toList());
        targets.stream().map(RuleStore.Target::id).filter(id -> !ids.contains(id)).forEach(ids::add);
        if (ids.size() > MAX_TARGETS) {
            throw new ServiceError(400, "LimitExceededException",
                    "The requested resource exceeds the maximum number allowed.");
        }
        ObjectNode out = WireJson.object();
        ArrayNode failed = WireJson.MAPPER.createArrayNode();
        List<RuleStore.Target> accepted = new ArrayList<>();
        for (RuleStore.Target t : targets) {
            if (FUNCTION_ARN.matcher(t.arn()).matches()) {
                accepted.add(t);
            } else {
                ObjectNode f = failed.addObject();
                f.put("TargetId", t.id());
                f.put("ErrorCode", "ValidationException");
                f.put("ErrorMessage", "Only AWS Lambda functions can be targets here, not " + t.arn() + ".");
            }
        }
        store.putTargets(rule.name(), accepted);
        out.put("FailedEntryCount", failed.size());
        out.set("FailedEntries", failed);
        return ApiResponse.json(200, out);
    }

    private static List<RuleStore.Target> targets(List<EventsRequest> entries, ConstraintViolations v) {
        List<RuleStore.Target> targets = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            EventsRequest e = entries.get(i);
            String member = "targets." + (i + 1) + ".member.";
            String id = e.string("Id").orElse(null);
            String arn = e.string("Arn").orElse(null);
            Optional<String> input = e.string("Input");
            Optional<String> inputPath = e.string("InputPath");
            v.required(id, member + "id").length(id, member + "id", 1, 64)
                    .pattern(id, member + "id", DefaultBus.NAME_PATTERN)
                    .required(arn, member + "arn").length(arn, member + "arn", 1, 1600)
                    .length(input.orElse(null), member + "input", 0, 8192)
                    .length(inputPath.orElse(null), member + "inputPath", 0, 256);
            targets.add(new RuleStore.Target(id, arn, input, inputPath));
        }
        return targets;
    }

    /** Constant input must be JSON; an input path a simple {@code $.member.member} path; not both. */
    private static void checkInput(RuleStore.Target t) {
        if (t.input().isPresent() && t.inputPath().isPresent()) {
            throw new ValidationException("Only one of Input, InputPath, or InputTransformer must be provided.");
        }
        if (t.input().isPresent()) {
            try {
                WireJson.MAPPER.readTree(t.input().get());
            } catch (IOException e) {
                throw new ValidationException("Parameter Input is not valid JSON text.");
            }
        }
        if (t.inputPath().isPresent() && !INPUT_PATH.matcher(t.inputPath().get()).matches()) {
            throw new ValidationException("Parameter InputPath is not valid.");
        }
    }

    /** Removes targets by id; ids the rule does not have are not an error. */
    ApiResponse removeTargets(ApiRequest request) {
        EventsRequest in = EventsRequest.parse(request.body());
        List<String> ids = in.strings("Ids").orElse(null);
        in.flag("Force");
        ConstraintViolations v = new ConstraintViolations();
        v.required(ids, "ids");
        if (ids != null && (ids.isEmpty() || ids.size() > 100)) {
            v.add(ids.size(), "ids", ids.isEmpty() ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 100");
        }
        v.throwIfAny();
        RuleStore.Rule rule = rules.existing(in, "Rule", "rule");
        store.removeTargets(rule.name(), ids);
        ObjectNode out = WireJson.object();
        out.put("FailedEntryCount", 0);
        out.putArray("FailedEntries");
        return ApiResponse.json(200, out);
    }

    ApiResponse listTargetsByRule(ApiRequest request) {
        EventsRequest in = EventsRequest.parse(request.body());
        Optional<String> token = in.string("NextToken");
        Long limit = in.integer("Limit").orElse(null);
        new ConstraintViolations().length(token.orElse(null), "nextToken", 1, 2048).range(limit, "limit", 1, 100)
                .throwIfAny();
        RuleStore.Rule rule = rules.existing(in, "Rule", "rule");
        Optional<String> after = DefaultBus.afterToken(token);
        List<RuleStore.Target> all = store.targets(rule.name());
        int from = after.map(id -> all.stream().map(RuleStore.Target::id).toList().indexOf(id) + 1).orElse(0);
        int pageSize = limit == null ? 100 : limit.intValue();
        List<RuleStore.Target> page = all.subList(Math.min(from, all.size()), Math.min(from + pageSize, all.size()));
        ObjectNode out = WireJson.object();
        ArrayNode targets = out.putArray("Targets");
        for (RuleStore.Target t : page) {
            ObjectNode o = targets.addObject();
            o.put("Id", t.id());
            o.put("Arn", t.arn());
            t.input().ifPresent(i -> o.put("Input", i));
            t.inputPath().ifPresent(p -> o.put("InputPath", p));
        }
        if (from + pageSize < all.size()) {
            out.put("NextToken", DefaultBus.token(page.getLast().id()));
        }
        return ApiResponse.json(200, out);
    }
}
