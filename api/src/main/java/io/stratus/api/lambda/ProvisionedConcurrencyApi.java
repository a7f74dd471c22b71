package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.Route;
import io.stratus.api.Router;
import io.stratus.api.WireJson;
import io.stratus.engine.Engine;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.ProvisionedConcurrencyConfigNotFoundException;
import io.stratus.model.error.ResourceConflictException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.AliasRecord;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionVersion;
import io.stratus.store.function.FunctionStore;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provisioned concurrency (Put/Get/Delete/ListProvisionedConcurrencyConfig(s)) on published versions and aliases.
 * Settings are stored; the engine keeps that many sandboxes of the version (an alias's primary version)
 * initialised ahead of time, and the status is READY once all of them finished their init.
 */
final class ProvisionedConcurrencyApi {

    private static final String PATH = "/2019-09-30/functions/{FunctionName}/provisioned-concurrency";
    private static final String NOT_FOUND = "No Provisioned Concurrency Config found for this function";

    private final FunctionRegistry registry;
    private final Engine engine;
    private final InstantSource clock;

    ProvisionedConcurrencyApi(FunctionRegistry registry, Engine engine, InstantSource clock) {
        this.registry = registry;
        this.engine = engine;
        this.clock = clock;
    }

    void register(Router router) {
        router.add(new Route("PUT", PATH, "PutProvisionedConcurrencyConfig", Route.DEFAULT_MAX_BODY, this::put))
                .add(new Route("GET", PATH, "GetProvisionedConcurrencyConfig", Route.DEFAULT_MAX_BODY, this::get))
                .add(new Route("DELETE", PATH, "DeleteProvisionedConcurrencyConfig", Route.DEFAULT_MAX_BODY,
                        this::delete));
    }

    /** Tells the engine what every function should keep provisioned (at start). */
    void applyAll() {
        registry.store().provisioned(Optional.empty()).stream().map(FunctionStore.Provisioned::functionName)
                .distinct().forEach(this::apply);
    }

    /** Tells the engine what one function's versions should keep provisioned, after any change. */
    void apply(String function) {
        Map<String, Integer> byVersion = new HashMap<>();
        for (FunctionStore.Provisioned p : registry.store().provisioned(Optional.of(function))) {
            version(function, p.qualifier()).ifPresent(v -> byVersion.merge(v, p.requested(), Integer::sum));
        }
        for (FunctionRecord version : registry.store().versions(function)) {
            if (!version.version().equals(FunctionVersion.LATEST)) {
                engine.provision(version, byVersion.getOrDefault(version.version(), 0));
            }
        }
    }

    /** The version a qualifier runs: itself, or an alias's primary version. */
    private Optional<String> version(String function, String qualifier) {
        if (!FunctionRegistry.isAliasName(qualifier)) {
            return Optional.of(qualifier);
        }
        return registry.store().findAlias(function, qualifier).map(AliasRecord::functionVersion);
    }

    private record Target(FunctionRef ref, String qualifier, String version) {
    }

    /** Resolves the function and qualifier; both must exist and name a published version or an alias. */
    private Target target(ApiRequest request) {
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), request.query("Qualifier"),
                FunctionRef.Form.READ, registry.partition());
        String qualifier = ref.qualifier().orElseThrow(() -> new InvalidParameterValueException(
                "The function resource provided must be an alias or a published version."));
        registry.versions(ref.name());
        if (qualifier.equals(FunctionVersion.LATEST)) {
            throw new InvalidParameterValueException("Provisioned Concurrency Configs cannot be applied to "
                    + "unpublished function versions.");
        }
        String arn = registry.partition().functionArn(ref.name(), qualifier);
        String version;
        if (FunctionRegistry.isAliasName(qualifier)) {
            version = registry.store().findAlias(ref.name(), qualifier).map(AliasRecord::functionVersion)
                    .orElseThrow(() -> new ResourceNotFoundException("Cannot find alias arn: " + arn));
            if (version.equals(FunctionVersion.LATEST)) {
                throw new InvalidParameterValueException("Provisioned Concurrency Configs cannot be applied to "
                        + "unpublished function versions.");
            }
        } else {
            version = qualifier;
            registry.store().find(ref.name(), qualifier)
                    .orElseThrow(() -> new ResourceNotFoundException("Function not found: " + arn));
        }
        return new Target(ref, qualifier, version);
    }

    private ApiResponse put(ApiRequest request) {
        Target target = target(request);
        Optional<Long> value = request.json().integer("ProvisionedConcurrentExecutions");
        ConstraintViolations violations = new ConstraintViolations();
        violations.required(value.orElse(null), "provisionedConcurrentExecutions");
        value.ifPresent(v -> violations.range(v, "provisionedConcurrentExecutions", 1, Integer.MAX_VALUE));
        violations.throwIfAny();
        int requested = value.orElseThrow().intValue();
        String function = target.ref().name();
        Integer reserved = registry.reservedConcurrency().get(function);
        List<FunctionStore.Provisioned> existing = registry.store().provisioned(Optional.of(function));
        int others = existing.stream().filter(p -> !p.qualifier().equals(target.qualifier()))
                .mapToInt(FunctionStore.Provisioned::requested).sum();
        if (reserved != null && others + requested > reserved) {
            throw new InvalidParameterValueException("Requested Provisioned Concurrency should not be greater than "
                    + "the reservedConcurrentExecution for function");
        }
        for (FunctionStore.Provisioned p : existing) {
            if (p.qualifier().equals(target.qualifier())) {
                continue;
            }
            if (version(function, p.qualifier()).filter(target.version()::equals).isPresent()) {
                throw new ResourceConflictException(FunctionRegistry.isAliasName(target.qualifier())
                        ? "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned "
                        + "version" : "Version is pointed by a Provisioned Concurrency alias");
            }
        }
        FunctionStore.Provisioned config = new FunctionStore.Provisioned(function, target.qualifier(), requested,
                clock.instant());
        registry.store().putProvisioned(config);
        apply(function);
        return ApiResponse.json(202, render(config, target.version(), false));
    }

    private ApiResponse get(ApiRequest request) {
        if (request.query("List").isPresent()) {
            return list(request);
        }
        Target target = target(request);
        FunctionStore.Provisioned config = registry.store().provisioned(Optional.of(target.ref().name())).stream()
                .filter(p -> p.qualifier().equals(target.qualifier())).findFirst()
                .orElseThrow(() -> new ProvisionedConcurrencyConfigNotFoundException(NOT_FOUND));
        return ApiResponse.json(200, render(config, target.version(), false));
    }

    private ApiResponse list(ApiRequest request) {
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), Optional.empty(), FunctionRef.Form.READ,
                registry.partition());
        registry.versions(ref.name());
        ObjectNode body = WireJson.object();
        ArrayNode items = body.putArray("ProvisionedConcurrencyConfigs");
        for (FunctionStore.Provisioned p : registry.store().provisioned(Optional.of(ref.name()))) {
            version(ref.name(), p.qualifier()).ifPresent(v -> items.add(render(p, v, true)));
        }
        return ApiResponse.json(200, body);
    }

    private ApiResponse delete(ApiRequest request) {
        Target target = target(request);
        registry.store().deleteProvisioned(target.ref().name(), target.qualifier());
        apply(target.ref().name());
        return ApiResponse.empty(204);
    }

    private ObjectNode render(FunctionStore.Provisioned config, String version, boolean withArn) {
        int ready = Math.min(config.requested(), engine.provisionedReady(config.functionName(), version));
        ObjectNode o = WireJson.object();
        if (withArn) {
            o.put("FunctionArn", registry.partition().functionArn(config.functionName(), config.qualifier()));
        }
        o.put("RequestedProvisionedConcurrentExecutions", config.requested());
        o.put("AvailableProvisionedConcurrentExecutions", ready);
        o.put("AllocatedProvisionedConcurrentExecutions", ready);
        o.put("Status", ready >= config.requested() ? "READY" : "IN_PROGRESS");
        o.put("LastModified", FunctionView.LAST_MODIFIED.format(config.lastModified()));
        return o;
    }
}
