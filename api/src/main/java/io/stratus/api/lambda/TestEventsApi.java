package io.stratus.api.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.Route;
import io.stratus.api.Router;
import io.stratus.api.WireJson;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionVersion;
import io.stratus.store.console.TestEventStore;
import io.stratus.store.console.TestEventStore.TestEvent;
import java.time.InstantSource;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web console's saved test events, the one thing the console keeps that no AWS API holds. Private to Stratus,
 * under {@code /_stratus/console/}:
 * <ul>
 *   <li>{@code GET …/functions/{FunctionName}/test-events} — {@code {"TestEvents":[{"Name","Event","LastModified"}]}}
 *       by name;</li>
 *   <li>{@code PUT …/functions/{FunctionName}/test-events/{EventName}} with {@code {"Event":"<JSON text>"}} — creates
 *       or replaces one;</li>
 *   <li>{@code DELETE …/functions/{FunctionName}/test-events/{EventName}}.</li>
 * </ul>
 * Names follow the Lambda console's rule (1–25 letters, digits, dots, hyphens, underscores); the event must be JSON.
 * Events are deleted with their function.
 */
public final class TestEventsApi {

    private static final String EVENTS = "/_stratus/console/functions/{FunctionName}/test-events";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,25}");
    private static final long MAX_BODY = 512 * 1024;

    private final FunctionRegistry registry;
    private final TestEventStore store;
    private final InstantSource clock;

    /**
     * @param lambda the Lambda API whose functions the events belong to
     * @param store  durable events
     */
    public TestEventsApi(LambdaApi lambda, TestEventStore store, InstantSource clock) {
        this.registry = lambda.registry();
        this.store = store;
        this.clock = clock;
    }

    /** Registers list, save and delete. */
    public void register(Router router) {
        router.add(new Route("GET", EVENTS, "ListTestEvents", Route.DEFAULT_MAX_BODY, this::list))
                .add(new Route("PUT", EVENTS + "/{EventName}", "PutTestEvent", MAX_BODY, this::save))
                .add(new Route("DELETE", EVENTS + "/{EventName}", "DeleteTestEvent", Route.DEFAULT_MAX_BODY,
                        this::delete));
    }

    private ApiResponse list(ApiRequest request) {
        String function = existingFunction(request);
        ObjectNode body = WireJson.object();
        ArrayNode events = body.putArray("TestEvents");
        for (TestEvent event : store.list(function)) {
            events.add(wire(event));
        }
        return ApiResponse.json(200, body);
    }

    private ApiResponse save(ApiRequest request) {
        String name = eventName(request);
        Optional<String> event = request.json().string("Event");
        if (event.isEmpty()) {
            throw new InvalidParameterValueException("Event is required: the test event as JSON text.");
        }
        try {
            WireJson.MAPPER.readTree(event.get());
        } catch (JsonProcessingException e) {
            throw new InvalidParameterValueException("The test event is not valid JSON: "
                    + e.getOriginalMessage());
        }
        String function = existingFunction(request);
        TestEvent saved = new TestEvent(function, name, event.get(), clock.millis());
        store.save(saved);
        return ApiResponse.json(200, wire(saved));
    }

    private ApiResponse delete(ApiRequest request) {
        String name = eventName(request);
        String function = existingFunction(request);
        if (!store.delete(function, name)) {
            throw new ResourceNotFoundException("Test event " + name + " of function " + function
                    + " does not exist.");
        }
        return ApiResponse.empty(204);
    }

    private String existingFunction(ApiRequest request) {
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), Optional.empty(), FunctionRef.Form.READ,
                registry.partition());
        if (registry.find(ref.name(), FunctionVersion.LATEST).isEmpty()) {
            throw new ResourceNotFoundException("Function not found: " + ref.arn(registry.partition()));
        }
        return ref.name();
    }

    private static String eventName(ApiRequest request) {
        String name = request.path("EventName");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidParameterValueException("Test event name " + name + " is not valid: use 1 to 25"
                    + " letters, digits, dots, hyphens or underscores.");
        }
        return name;
    }

    private static ObjectNode wire(TestEvent event) {
        ObjectNode node = WireJson.object();
        node.put("Name", event.name());
        node.put("Event", event.event());
        node.put("LastModified", event.lastModifiedMs());
        return node;
    }
}
