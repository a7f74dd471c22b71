package io.stratus.api.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.JsonBody;
import io.stratus.api.Route;
import io.stratus.api.Router;
import io.stratus.api.WireJson;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.PolicyLengthExceededException;
import io.stratus.model.error.PreconditionFailedException;
import io.stratus.model.error.ResourceConflictException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.AliasRecord;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionVersion;
import io.stratus.store.policy.PolicyStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A function's resource-based policy (AddPermission, RemovePermission, GetPolicy): one policy per function and
 * qualifier, statements in Lambda's shape, a 20 KB limit, and revision ids that guard concurrent edits.
 * {@link PolicyAuthorizer} evaluates the same documents when a trigger invokes.
 */
final class PermissionsApi {

    static final int MAX_POLICY_BYTES = 20_480;
    private static final String POLICY = "/2015-03-31/functions/{FunctionName}/policy";
    private static final String SOURCE_ARN = "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?"
            + ":(\\d{12})?:(.*)";

    private final FunctionRegistry registry;
    private final PolicyStore policies;

    PermissionsApi(FunctionRegistry registry, PolicyStore policies) {
        this.registry = registry;
        this.policies = policies;
    }

    void register(Router router) {
        router.add(new Route("POST", POLICY, "AddPermission", Route.DEFAULT_MAX_BODY, this::add))
                .add(new Route("GET", POLICY, "GetPolicy", Route.DEFAULT_MAX_BODY, this::get))
                .add(new Route("DELETE", POLICY + "/{StatementId}", "RemovePermission", Route.DEFAULT_MAX_BODY,
                        this::remove));
    }

    /** A function or one of its qualifiers, resolved to the revision that AddPermission's RevisionId guards. */
    private record Target(FunctionRef ref, String qualifierKey, String resourceArn, String revisionId) {
    }

    private ApiResponse add(ApiRequest request) {
        FunctionRef ref = parse(request);
        JsonBody body = request.json();
        PolicyStatement.Grant grant = grant(body);
        if (ref.qualifier().filter(FunctionVersion.LATEST::equals).isPresent()) {
            throw new InvalidParameterValueException("We currently do not support adding policies for $LATEST.");
        }
        Target target = resolve(ref, false);
        ObjectNode statement = PolicyStatement.build(grant, target.resourceArn(), registry.partition());
        Optional<String> expected = body.string("RevisionId");
        for (int attempt = 0; ; attempt++) {
            Optional<PolicyStore.StoredPolicy> current = policies.find(ref.name(), target.qualifierKey());
            checkRevision(expected, current, target, true);
            ArrayNode statements = statements(current);
            for (JsonNode existing : statements) {
                if (existing.path("Sid").asText().equals(grant.statementId())) {
                    throw new ResourceConflictException("The statement id (" + grant.statementId() + ") provided"
                            + " already exists. Please provide a new statement id, or remove the existing statement.");
                }
            }
            statements.add(statement);
            int size = document(statements).getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_POLICY_BYTES) {
                throw new PolicyLengthExceededException("The final policy size (" + size + ") is bigger than the"
                        + " limit (" + MAX_POLICY_BYTES + ").");
            }
            if (policies.replace(ref.name(), target.qualifierKey(), current.map(PolicyStore.StoredPolicy::revisionId),
                    new PolicyStore.StoredPolicy(UUID.randomUUID().toString(), statements.toString()))) {
                ObjectNode answer = WireJson.object();
                answer.put("Statement", statement.toString());
                return ApiResponse.json(201, answer);
            }
            retryOrGone(ref, attempt);
        }
    }

    private ApiResponse get(ApiRequest request) {
        FunctionRef ref = parse(request);
        Target target;
        try {
            target = resolve(ref, false);
        } catch (ResourceNotFoundException e) {
            throw new ResourceNotFoundException("The resource you requested does not exist.");
        }
        PolicyStore.StoredPolicy policy = policies.find(ref.name(), target.qualifierKey())
                .orElseThrow(() -> new ResourceNotFoundException("The resource you requested does not exist."));
        ObjectNode answer = WireJson.object();
        answer.put("Policy", document(statements(Optional.of(policy))));
        answer.put("RevisionId", policy.revisionId());
        return ApiResponse.json(200, answer);
    }

    private ApiResponse remove(ApiRequest request) {
        FunctionRef ref = parse(request);
        String statementId = request.path("StatementId");
        new ConstraintViolations().length(statementId, "statementId", 1, 100)
                .pattern(statementId, "statementId", "([a-zA-Z0-9-_.]+)").throwIfAny();
        Target target = resolve(ref, true);
        Optional<String> expected = request.query("RevisionId");
        for (int attempt = 0; ; attempt++) {
            Optional<PolicyStore.StoredPolicy> current = policies.find(ref.name(), target.qualifierKey());
            checkRevision(expected, current, target, false);
            if (current.isEmpty()) {
                throw new ResourceNotFoundException("No policy is associated with the given resource.");
            }
            ArrayNode statements = statements(current);
            ArrayNode kept = WireJson.MAPPER.createArrayNode();
            for (JsonNode s : statements) {
                if (!s.path("Sid").asText().equals(statementId)) {
                    kept.add(s);
                }
            }
            if (kept.size() == statements.size()) {
                throw new ResourceNotFoundException("Statement " + statementId + " is not found in resource policy.");
            }
            if (policies.replace(ref.name(), target.qualifierKey(), Optional.of(current.get().revisionId()),
                    new PolicyStore.StoredPolicy(UUID.randomUUID().toString(), kept.toString()))) {
                return ApiResponse.empty(204);
            }
            retryOrGone(ref, attempt);
        }
    }

    private FunctionRef parse(ApiRequest request) {
        return FunctionRef.parse(request.path("FunctionName"), request.query("Qualifier"), FunctionRef.Form.READ,
                registry.partition());
    }

    private static PolicyStatement.Grant grant(JsonBody body) {
        Optional<String> sid = body.string("StatementId");
        Optional<String> action = body.string("Action");
        Optional<String> principal = body.string("Principal");
        Optional<String> sourceArn = body.string("SourceArn");
        Optional<String> sourceAccount = body.string("SourceAccount");
        Optional<String> token = body.string("EventSourceToken");
        Optional<String> org = body.string("PrincipalOrgID");
        Optional<String> urlAuth = body.string("FunctionUrlAuthType");
        ConstraintViolations v = new ConstraintViolations();
        v.required(sid.orElse(null), "statementId");
        sid.ifPresent(s -> v.length(s, "statementId", 1, 100).pattern(s, "statementId", "([a-zA-Z0-9-_]+)"));
        v.required(action.orElse(null), "action");
        action.ifPresent(a -> v.pattern(a, "action", "(lambda:[*]|lambda:[a-zA-Z]+|[*])"));
        v.required(principal.orElse(null), "principal");
        principal.ifPresent(p -> v.pattern(p, "principal", "[^\\s]+"));
        sourceArn.ifPresent(a -> v.pattern(a, "sourceArn", SOURCE_ARN));
        sourceAccount.ifPresent(a -> v.length(a, "sourceAccount", 0, 12).pattern(a, "sourceAccount", "\\d{12}"));
        token.ifPresent(t -> v.length(t, "eventSourceToken", 0, 256)
                .pattern(t, "eventSourceToken", "[a-zA-Z0-9._\\-]+"));
        org.ifPresent(o -> v.length(o, "principalOrgID", 12, 34)
                .pattern(o, "principalOrgID", "^o-[a-z0-9]{10,32}$"));
        urlAuth.ifPresent(u -> v.oneOf(u, "functionUrlAuthType", List.of("NONE", "AWS_IAM")));
        v.throwIfAny();
        return new PolicyStatement.Grant(sid.get(), action.get(), principal.get(), sourceArn, sourceAccount, token,
                org, urlAuth);
    }

    /**
     * The function, version or alias a policy belongs to. Lambda words "not found" differently for AddPermission
     * (the function's ARN) and RemovePermission ("No policy found for").
     */
    private Target resolve(FunctionRef ref, boolean removing) {
        String name = ref.name();
        String unqualifiedArn = registry.partition().functionArn(name);
        FunctionRecord latest = registry.store().find(name, FunctionVersion.LATEST).orElseThrow(() ->
                new ResourceNotFoundException(removing ? "No policy found for: " + unqualifiedArn
                        : "Function not found: " + unqualifiedArn));
        Optional<String> qualifier = ref.qualifier().filter(q -> !q.equals(FunctionVersion.LATEST));
        if (qualifier.isEmpty()) {
            return new Target(ref, PolicyStore.UNQUALIFIED, unqualifiedArn, latest.revisionId());
        }
        String q = qualifier.get();
        String arn = registry.partition().functionArn(name, q);
        if (FunctionRegistry.isAliasName(q)) {
            AliasRecord alias = registry.store().findAlias(name, q)
                    .orElseThrow(() -> new ResourceNotFoundException("Cannot find alias arn: " + arn));
            return new Target(ref, q, arn, alias.revisionId());
        }
        FunctionRecord version = registry.store().find(name, q)
                .orElseThrow(() -> new ResourceNotFoundException(removing ? "No policy found for: " + arn
                        : "Function not found: " + arn));
        return new Target(ref, q, arn, version.revisionId());
    }

    /**
     * A RevisionId guards against concurrent edits: it must be the policy's current revision, or, before the
     * qualifier has a policy, the function's or alias's revision.
     */
    private static void checkRevision(Optional<String> expected, Optional<PolicyStore.StoredPolicy> current,
                                      Target target, boolean adding) {
        if (expected.isEmpty()) {
            return;
        }
        String actual = current.map(PolicyStore.StoredPolicy::revisionId).orElse(target.revisionId());
        if (!expected.get().equals(actual)) {
            String fromWhere = adding && current.isPresent() ? "GetPolicy" : "GetFunction/GetAlias";
            throw new PreconditionFailedException("The Revision Id provided does not match the latest Revision Id."
                    + " Call the " + fromWhere + " API to retrieve the latest Revision Id");
        }
    }

    private void retryOrGone(FunctionRef ref, int attempt) {
        if (registry.store().find(ref.name(), FunctionVersion.LATEST).isEmpty()) {
            throw new ResourceNotFoundException("Function not found: " + registry.partition().functionArn(ref.name()));
        }
        if (attempt >= 8) {
            throw new ResourceConflictException("The policy is being modified concurrently. Retry the request.");
        }
    }

    static ArrayNode statements(Optional<PolicyStore.StoredPolicy> policy) {
        if (policy.isEmpty()) {
            return WireJson.MAPPER.createArrayNode();
        }
        try {
            return (ArrayNode) WireJson.MAPPER.readTree(policy.get().statements());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy is not JSON", e);
        }
    }

    private static String document(ArrayNode statements) {
        ObjectNode doc = WireJson.object();
        doc.put("Version", "2012-10-17");
        doc.put("Id", "default");
        doc.set("Statement", statements);
        return doc.toString();
    }
}
