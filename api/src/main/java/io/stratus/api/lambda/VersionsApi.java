package io.stratus.api.lambda;

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
import io.stratus.model.error.PreconditionFailedException;
import io.stratus.model.error.ResourceConflictException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.AliasRecord;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionVersion;
import io.stratus.store.function.FunctionStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Versions and aliases: PublishVersion, ListVersionsByFunction, and Create/Get/Update/Delete/ListAliases, with
 * Lambda's validation and messages.
 */
final class VersionsApi {

    private static final String FUNCTION = "/2015-03-31/functions/{FunctionName}";
    private static final String ALIAS_NAME = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
    private static final int PAGE_MAX = 50;

    private final FunctionRegistry registry;
    private final FunctionView view;
    private final ProvisionedConcurrencyApi provisioned;

    VersionsApi(FunctionRegistry registry, FunctionView view, ProvisionedConcurrencyApi provisioned) {
        this.registry = registry;
        this.view = view;
        this.provisioned = provisioned;
    }

    void register(Router router) {
        router.add(new Route("POST", FUNCTION + "/versions", "PublishVersion", Route.DEFAULT_MAX_BODY,
                        this::publish))
                .add(new Route("GET", FUNCTION + "/versions", "ListVersionsByFunction", Route.DEFAULT_MAX_BODY,
                        this::listVersions))
                .add(new Route("POST", FUNCTION + "/aliases", "CreateAlias", Route.DEFAULT_MAX_BODY,
                        this::createAlias))
                .add(new Route("GET", FUNCTION + "/aliases", "ListAliases", Route.DEFAULT_MAX_BODY,
                        this::listAliases))
                .add(new Route("GET", FUNCTION + "/aliases/{Name}", "GetAlias", Route.DEFAULT_MAX_BODY,
                        this::getAlias))
                .add(new Route("PUT", FUNCTION + "/aliases/{Name}", "UpdateAlias", Route.DEFAULT_MAX_BODY,
                        this::updateAlias))
                .add(new Route("DELETE", FUNCTION + "/aliases/{Name}", "DeleteAlias", Route.DEFAULT_MAX_BODY,
                        this::deleteAlias));
    }

    private FunctionRef function(ApiRequest request) {
        return FunctionRef.parse(request.path("FunctionName"), Optional.empty(), FunctionRef.Form.READ,
                registry.partition());
    }

    // ---- Versions ----------------------------------------------------------------------------------------

    private ApiResponse publish(ApiRequest request) {
        FunctionRef ref = function(request);
        JsonBody body = request.json();
        ConstraintViolations violations = new ConstraintViolations();
        body.string("Description").ifPresent(d -> violations.length(d, "description", 0, 256));
        violations.throwIfAny();
        FunctionRecord published = registry.publish(ref.name(), body.string("CodeSha256"), body.string("RevisionId"),
                body.string("Description"), false);
        return ApiResponse.json(201, view.render(published, FunctionView.Shape.QUALIFIED));
    }

    private ApiResponse listVersions(ApiRequest request) {
        FunctionRef ref = function(request);
        ConstraintViolations violations = new ConstraintViolations();
        int maxItems = LambdaApi.maxItems(request, violations, 10000);
        violations.throwIfAny();
        List<FunctionRecord> all = registry.versions(ref.name());
        Optional<String> after = request.query("Marker");
        int start = 0;
        if (after.isPresent()) {
            start = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).version().equals(after.get())) {
                    start = i + 1;
                }
            }
        }
        int end = Math.min(all.size(), start + Math.min(maxItems, PAGE_MAX));
        ObjectNode body = WireJson.object();
        ArrayNode items = body.putArray("Versions");
        all.subList(start, end).forEach(r -> items.add(view.render(r, FunctionView.Shape.LIST_ITEM_QUALIFIED)));
        if (end < all.size()) {
            body.put("NextMarker", all.get(end - 1).version());
        }
        return ApiResponse.json(200, body);
    }

    static String encodeVersionMarker(String function, String version) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((function + ":" + version)
                .getBytes(StandardCharsets.UTF_8));
    }

    static Map.Entry<String, String> decodeVersionMarker(String marker) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            int colon = key.lastIndexOf(':');
            String version = key.substring(colon + 1);
            if (colon <= 0 || !(version.equals(FunctionVersion.LATEST) || version.matches("\\d+"))) {
                throw new IllegalArgumentException("not a version marker");
            }
            return Map.entry(key.substring(0, colon), version);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterValueException("Invalid Marker: '" + marker
                    + "'. Use the NextMarker value of a previous response.");
        }
    }

    // ---- Aliases -----------------------------------------------------------------------------------------

    private String aliasArn(String function, String alias) {
        return registry.partition().functionArn(function, alias);
    }

    private ApiResponse createAlias(ApiRequest request) {
        FunctionRef ref = function(request);
        JsonBody body = request.json();
        ConstraintViolations violations = new ConstraintViolations();
        String name = body.string("Name").orElse(null);
        String version = body.string("FunctionVersion").orElse(null);
        violations.required(name, "name");
        violations.required(version, "functionVersion");
        if (name != null) {
            violations.length(name, "name", 1, 128).pattern(name, "name", ALIAS_NAME);
        }
        if (version != null) {
            violations.length(version, "functionVersion", 1, 1024)
                    .pattern(version, "functionVersion", "(\\$LATEST|[0-9]+)");
        }
        body.string("Description").ifPresent(d -> violations.length(d, "description", 0, 256));
        Map<String, Double> weights = weights(body, violations);
        violations.throwIfAny();
        checkTargets(ref.name(), version, weights);
        AliasRecord alias = new AliasRecord(ref.name(), name, version, body.string("Description").orElse(""),
                weights, UUID.randomUUID().toString());
        if (!registry.store().createAlias(alias)) {
            throw new ResourceConflictException("Alias already exists: " + aliasArn(ref.name(), name));
        }
        return ApiResponse.json(201, render(alias));
    }

    private ApiResponse getAlias(ApiRequest request) {
        FunctionRef ref = function(request);
        registry.versions(ref.name());
        String name = request.path("Name");
        AliasRecord alias = registry.store().findAlias(ref.name(), name).orElseThrow(() ->
                new ResourceNotFoundException("Cannot find alias arn: " + aliasArn(ref.name(), name)));
        return ApiResponse.json(200, render(alias));
    }

    private ApiResponse updateAlias(ApiRequest request) {
        FunctionRef ref = function(request);
        registry.versions(ref.name());
        String name = request.path("Name");
        FunctionStore store = registry.store();
        AliasRecord current = store.findAlias(ref.name(), name).orElseThrow(() ->
                new ResourceNotFoundException("Alias not found: " + aliasArn(ref.name(), name)));
        JsonBody body = request.json();
        if (body.string("RevisionId").filter(r -> !r.equals(current.revisionId())).isPresent()) {
            throw new PreconditionFailedException("The Revision Id provided does not match the latest Revision Id."
                    + " Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
        ConstraintViolations violations = new ConstraintViolations();
        body.string("FunctionVersion").ifPresent(v -> violations.length(v, "functionVersion", 1, 1024)
                .pattern(v, "functionVersion", "(\\$LATEST|[0-9]+)"));
        body.string("Description").ifPresent(d -> violations.length(d, "description", 0, 256));
        Map<String, Double> weights = body.has("RoutingConfig") ? weights(body, violations) : current.weights();
        violations.throwIfAny();
        String version = body.string("FunctionVersion").orElse(current.functionVersion());
        checkTargets(ref.name(), version, weights);
        AliasRecord updated = new AliasRecord(ref.name(), name, version,
                body.string("Description").orElse(current.description()), weights, UUID.randomUUID().toString());
        if (!store.replaceAlias(updated, current.revisionId())) {
            throw new PreconditionFailedException("The Revision Id provided does not match the latest Revision Id."
                    + " Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
        // Provisioned concurrency on the alias follows it to its new version.
        provisioned.apply(ref.name());
        return ApiResponse.json(200, render(updated));
    }

    private ApiResponse deleteAlias(ApiRequest request) {
        FunctionRef ref = function(request);
        registry.versions(ref.name());
        registry.store().deleteAlias(ref.name(), request.path("Name"));
        registry.store().deleteProvisioned(ref.name(), request.path("Name"));
        provisioned.apply(ref.name());
        return ApiResponse.empty(204);
    }

    private ApiResponse listAliases(ApiRequest request) {
        FunctionRef ref = function(request);
        registry.versions(ref.name());
        ConstraintViolations violations = new ConstraintViolations();
        int maxItems = LambdaApi.maxItems(request, violations, 10000);
        violations.throwIfAny();
        Optional<String> version = request.query("FunctionVersion");
        Optional<String> after = request.query("Marker");
        List<AliasRecord> all = registry.store().aliases(ref.name()).stream()
                .filter(a -> version.map(v -> v.equals(a.functionVersion())).orElse(true))
                .filter(a -> after.map(m -> a.name().compareTo(m) > 0).orElse(true))
                .toList();
        int shown = Math.min(all.size(), Math.min(maxItems, PAGE_MAX));
        ObjectNode body = WireJson.object();
        ArrayNode items = body.putArray("Aliases");
        all.subList(0, shown).forEach(a -> items.add(render(a)));
        if (shown < all.size()) {
            body.put("NextMarker", all.get(shown - 1).name());
        }
        return ApiResponse.json(200, body);
    }

    /** Reads RoutingConfig.AdditionalVersionWeights with Lambda's constraints. */
    private static Map<String, Double> weights(JsonBody body, ConstraintViolations violations) {
        Map<String, Double> weights = new LinkedHashMap<>();
        Optional<JsonBody> routing = body.object("RoutingConfig");
        Optional<JsonBody> additional = routing.flatMap(r -> r.object("AdditionalVersionWeights"));
        if (additional.isEmpty()) {
            return weights;
        }
        additional.get().numbers().forEach(weights::put);
        boolean badKey = weights.keySet().stream().anyMatch(k -> !k.matches("[0-9]+") || k.length() > 1024);
        boolean badValue = weights.values().stream().anyMatch(v -> v == null || v < 0.0 || v > 1.0);
        String shown = "{" + String.join(", ", weights.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()) + "}";
        if (badKey) {
            violations.add(shown, "routingConfig.additionalVersionWeights", "Map keys must satisfy constraint: "
                    + "[Member must have length less than or equal to 1024, Member must have length greater than or "
                    + "equal to 1, Member must satisfy regular expression pattern: [0-9]+]");
        } else if (badValue) {
            violations.add(shown, "routingConfig.additionalVersionWeights", "Map value must satisfy constraint: "
                    + "[Member must have value less than or equal to 1.0, Member must have value greater than or "
                    + "equal to 0.0, Member must not be null]");
        }
        return weights;
    }

    /** The versions an alias names must exist, and routing has Lambda's rules. */
    private void checkTargets(String function, String version, Map<String, Double> weights) {
        if (weights.size() > 1) {
            throw new InvalidParameterValueException("Number of items in AdditionalVersionWeights cannot be greater "
                    + "than 1");
        }
        if (!weights.isEmpty() && version.equals(FunctionVersion.LATEST)) {
            throw new InvalidParameterValueException("$LATEST is not supported for an alias pointing to more than 1 "
                    + "version");
        }
        if (weights.containsKey(version)) {
            throw new InvalidParameterValueException("Invalid function version " + version + ". Function version "
                    + version + " is already included in routing configuration.");
        }
        for (String v : concat(version, weights.keySet())) {
            registry.store().find(function, v).orElseThrow(() -> new ResourceNotFoundException(
                    "Function not found: " + registry.partition().functionArn(function, v)));
        }
    }

    private static List<String> concat(String first, java.util.Collection<String> rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private ObjectNode render(AliasRecord alias) {
        ObjectNode o = WireJson.object();
        o.put("AliasArn", aliasArn(alias.functionName(), alias.name()));
        o.put("Name", alias.name());
        o.put("FunctionVersion", alias.functionVersion());
        o.put("Description", alias.description());
        if (!alias.weights().isEmpty()) {
            ObjectNode weights = o.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
            alias.weights().forEach(weights::put);
        }
        o.put("RevisionId", alias.revisionId());
        return o;
    }
}
