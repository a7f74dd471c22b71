package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.Route;
import io.stratus.api.Router;
import io.stratus.api.WireJson;
import io.stratus.engine.Engine;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.FunctionRef;
import io.stratus.store.function.FunctionStore;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reserved concurrency (Put/Get/DeleteFunctionConcurrency): stored with the function, checked against the
 * account's unreserved minimum in the same transaction, and handed to the engine's admission at once.
 */
final class ConcurrencyApi {

    /** Lambda keeps this much of the account limit unreserved. */
    static final int MIN_UNRESERVED = 100;
    private static final String PATH = "/functions/{FunctionName}/concurrency";

    private final FunctionRegistry registry;
    private final Engine engine;
    private final LambdaLimits limits;

    ConcurrencyApi(FunctionRegistry registry, Engine engine, LambdaLimits limits) {
        this.registry = registry;
        this.engine = engine;
        this.limits = limits;
    }

    void register(Router router) {
        router.add(new Route("PUT", "/2017-10-31" + PATH, "PutFunctionConcurrency", Route.DEFAULT_MAX_BODY,
                        this::put))
                .add(new Route("GET", "/2019-09-30" + PATH, "GetFunctionConcurrency", Route.DEFAULT_MAX_BODY,
                        this::get))
                .add(new Route("DELETE", "/2017-10-31" + PATH, "DeleteFunctionConcurrency",
                        Route.DEFAULT_MAX_BODY, this::delete));
    }

    /** Hands the stored reservations to the engine (at start, and after every change). */
    void publishToEngine() {
        engine.reservations(registry.reservedConcurrency());
    }

    private FunctionRef unqualified(ApiRequest request) {
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), Optional.empty(),
                FunctionRef.Form.MUTATING, registry.partition());
        if (ref.qualifier().isPresent()) {
            throw new InvalidParameterValueException("This operation is permitted on Lambda functions only. Aliases"
                    + " and versions do not support this operation. Please specify either a function name or an"
                    + " unqualified function ARN.");
        }
        return ref;
    }

    private ApiResponse put(ApiRequest request) {
        FunctionRef ref = unqualified(request);
        Optional<Long> value = request.json().integer("ReservedConcurrentExecutions");
        ConstraintViolations violations = new ConstraintViolations();
        violations.required(value.orElse(null), "reservedConcurrentExecutions");
        value.ifPresent(v -> violations.range(v, "reservedConcurrentExecutions", 0, Integer.MAX_VALUE));
        violations.throwIfAny();
        int reserved = value.orElseThrow().intValue();
        change(ref, OptionalInt.of(reserved));
        ObjectNode body = WireJson.object();
        body.put("ReservedConcurrentExecutions", reserved);
        return ApiResponse.json(200, body);
    }

    private ApiResponse get(ApiRequest request) {
        FunctionRef ref = unqualified(request);
        registry.get(ref);
        ObjectNode body = WireJson.object();
        Integer reserved = registry.reservedConcurrency().get(ref.name());
        if (reserved != null) {
            body.put("ReservedConcurrentExecutions", reserved);
        }
        return ApiResponse.json(200, body);
    }

    private ApiResponse delete(ApiRequest request) {
        change(unqualified(request), OptionalInt.empty());
        return ApiResponse.empty(204);
    }

    private void change(FunctionRef ref, OptionalInt reserved) {
        FunctionStore.Reservation result = registry.reserveConcurrency(ref.name(), reserved,
                limits.concurrentExecutions(), MIN_UNRESERVED);
        switch (result) {
            case NO_SUCH_FUNCTION -> throw new ResourceNotFoundException("Function not found: "
                    + registry.partition().functionArn(ref.name()));
            case BELOW_MINIMUM -> throw new InvalidParameterValueException("Specified ReservedConcurrentExecutions "
                    + "for function decreases account's UnreservedConcurrentExecution below its minimum value of ["
                    + MIN_UNRESERVED + "].");
            case DONE -> publishToEngine();
        }
    }
}
