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
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionVersion;
import io.stratus.store.async.AsyncQueue;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Put/Get/Update/Delete/ListFunctionEventInvokeConfig(s): retry and age limits and destinations for asynchronous
 * invocations, per function and qualifier. Destinations are functions and queues of this server; other
 * destination ARNs are refused rather than accepted and ignored (see {@link Destinations}).
 */
final class EventInvokeConfigApi {

    private static final String PATH = "/2019-09-25/functions/{FunctionName}/event-invoke-config";

    private final FunctionRegistry registry;
    private final AsyncQueue queue;
    private final InstantSource clock;
    private final Destinations destinations;

    EventInvokeConfigApi(FunctionRegistry registry, AsyncQueue queue, InstantSource clock,
                         Destinations destinations) {
        this.registry = registry;
        this.queue = queue;
        this.clock = clock;
        this.destinations = destinations;
    }

    void register(Router router) {
        router.add(new Route("PUT", PATH, "PutFunctionEventInvokeConfig", Route.DEFAULT_MAX_BODY,
                        r -> put(r, true)))
                .add(new Route("POST", PATH, "UpdateFunctionEventInvokeConfig", Route.DEFAULT_MAX_BODY,
                        r -> put(r, false)))
                .add(new Route("GET", PATH, "GetFunctionEventInvokeConfig", Route.DEFAULT_MAX_BODY, this::get))
                .add(new Route("DELETE", PATH, "DeleteFunctionEventInvokeConfig", Route.DEFAULT_MAX_BODY,
                        this::delete))
                .add(new Route("GET", PATH + "/list", "ListFunctionEventInvokeConfigs", Route.DEFAULT_MAX_BODY,
                        this::list));
    }

    private record Target(String function, String qualifier) {
    }

    private Target target(ApiRequest request) {
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), request.query("Qualifier"),
                FunctionRef.Form.READ, registry.partition());
        registry.get(ref);
        return new Target(ref.name(), ref.qualifier().orElse(FunctionVersion.LATEST));
    }

    private ApiResponse put(ApiRequest request, boolean replace) {
        Target target = target(request);
        JsonBody body = request.json();
        ConstraintViolations violations = new ConstraintViolations();
        Optional<Long> retries = body.integer("MaximumRetryAttempts");
        Optional<Long> age = body.integer("MaximumEventAgeInSeconds");
        retries.ifPresent(v -> violations.range(v, "maximumRetryAttempts", 0, 2));
        age.ifPresent(v -> violations.range(v, "maximumEventAgeInSeconds", 60, 21600));
        Optional<JsonBody> destinations = body.object("DestinationConfig");
        Optional<String> onSuccess = destinations.flatMap(d -> d.object("OnSuccess")).flatMap(d -> d.string("Destination"));
        Optional<String> onFailure = destinations.flatMap(d -> d.object("OnFailure")).flatMap(d -> d.string("Destination"));
        violations.throwIfAny();
        onSuccess.ifPresent(this.destinations::checkDestination);
        onFailure.ifPresent(this.destinations::checkDestination);
        Optional<AsyncQueue.Config> current = replace ? Optional.empty()
                : queue.config(target.function(), target.qualifier());
        AsyncQueue.Config config = new AsyncQueue.Config(target.function(), target.qualifier(),
                retries.map(Long::intValue).or(() -> current.flatMap(AsyncQueue.Config::maxRetryAttempts)),
                age.map(Long::intValue).or(() -> current.flatMap(AsyncQueue.Config::maxAgeSeconds)),
                destinations.isPresent() || replace ? onSuccess : current.flatMap(AsyncQueue.Config::onSuccess),
                destinations.isPresent() || replace ? onFailure : current.flatMap(AsyncQueue.Config::onFailure),
                clock.millis());
        queue.putConfig(config);
        return ApiResponse.json(200, render(config));
    }

    private ApiResponse get(ApiRequest request) {
        Target target = target(request);
        AsyncQueue.Config config = queue.config(target.function(), target.qualifier()).orElseThrow(() ->
                new ResourceNotFoundException("The function " + registry.partition().functionArn(target.function(),
                        target.qualifier()) + " doesn't have an EventInvokeConfig"));
        return ApiResponse.json(200, render(config));
    }

    private ApiResponse delete(ApiRequest request) {
        Target target = target(request);
        if (!queue.deleteConfig(target.function(), target.qualifier())) {
            throw new ResourceNotFoundException("The function " + registry.partition().functionArn(
                    target.function(), target.qualifier()) + " doesn't have an EventInvokeConfig");
        }
        return ApiResponse.empty(204);
    }

    private ApiResponse list(ApiRequest request) {
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), Optional.empty(), FunctionRef.Form.READ,
                registry.partition());
        registry.versions(ref.name());
        ObjectNode body = WireJson.object();
        ArrayNode items = body.putArray("FunctionEventInvokeConfigs");
        queue.configs(ref.name()).forEach(c -> items.add(render(c)));
        return ApiResponse.json(200, body);
    }

    private ObjectNode render(AsyncQueue.Config config) {
        ObjectNode o = WireJson.object();
        o.put("LastModified", config.lastModifiedMs() / 1000.0);
        o.put("FunctionArn", registry.partition().functionArn(config.functionName(), config.qualifier()));
        config.maxRetryAttempts().ifPresent(v -> o.put("MaximumRetryAttempts", v));
        config.maxAgeSeconds().ifPresent(v -> o.put("MaximumEventAgeInSeconds", v));
        ObjectNode destinations = o.putObject("DestinationConfig");
        ObjectNode success = destinations.putObject("OnSuccess");
        config.onSuccess().ifPresent(d -> success.put("Destination", d));
        ObjectNode failure = destinations.putObject("OnFailure");
        config.onFailure().ifPresent(d -> failure.put("Destination", d));
        return o;
    }
}
