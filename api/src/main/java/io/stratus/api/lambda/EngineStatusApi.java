package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.Route;
import io.stratus.api.Router;
import io.stratus.api.WireJson;
import io.stratus.engine.Engine;
import io.stratus.engine.logs.FunctionLogs;
import io.stratus.engine.metrics.InvocationMetrics;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionVersion;
import java.util.Optional;

/**
 * Stratus's own read-only endpoints for what Lambda shows through other services: a function's logs (until a
 * CloudWatch-Logs-compatible API exists) and the live sandboxes.
 *
 * <ul>
 *   <li>{@code GET /_stratus/logs/{FunctionName}?startTime=&filter=&nextToken=&limit=} — events of the function's
 *       log group across its streams, oldest first; pass {@code nextToken} back to continue (follow).</li>
 *   <li>{@code GET /_stratus/metrics/{FunctionName}?minutes=} — invocations, errors, throttles and durations per
 *       minute over the last {@code minutes} (default 60, at most a day), only minutes with activity, oldest
 *       first; recorded by the engine in memory since the server started.</li>
 *   <li>{@code GET /_stratus/sandboxes} — live and idle sandboxes per function.</li>
 *   <li>{@code GET /_stratus/async} — the asynchronous queue: depth, age of the oldest event, successes,
 *       retries and dropped events since the server started.</li>
 * </ul>
 */
final class EngineStatusApi {

    private static final int MAX_EVENTS = 10_000;

    private final FunctionRegistry registry;
    private final Engine engine;
    private final AsyncInvoker async;

    EngineStatusApi(FunctionRegistry registry, Engine engine, AsyncInvoker async) {
        this.registry = registry;
        this.engine = engine;
        this.async = async;
    }

    void register(Router router) {
        router.add(new Route("GET", "/_stratus/logs/{FunctionName}", "GetFunctionLogs", Route.DEFAULT_MAX_BODY,
                        this::logs))
                .add(new Route("GET", "/_stratus/metrics/{FunctionName}", "GetFunctionMetrics",
                        Route.DEFAULT_MAX_BODY, this::metrics))
                .add(new Route("GET", "/_stratus/sandboxes", "ListSandboxes", Route.DEFAULT_MAX_BODY,
                        this::sandboxes))
                .add(new Route("GET", "/_stratus/async", "GetAsyncQueue", Route.DEFAULT_MAX_BODY,
                        r -> ApiResponse.json(200, async.stats())));
    }

    private ApiResponse logs(ApiRequest request) {
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), Optional.empty(), FunctionRef.Form.READ,
                registry.partition());
        // Logs outlive their function, as in CloudWatch: a deleted function's group is still readable.
        String group = registry.find(ref.name(), FunctionVersion.LATEST)
                .map(FunctionRecord::config).map(c -> c.logging().logGroup())
                .orElse("/aws/lambda/" + ref.name());
        long startTime = number(request, "startTime", 0);
        int limit = (int) Math.min(MAX_EVENTS, Math.max(1, number(request, "limit", MAX_EVENTS)));
        FunctionLogs.Page page;
        try {
            page = engine.logs().read(group, request.query("nextToken"), startTime, request.query("filter"), limit);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterValueException("The nextToken is not valid; use the nextToken of a previous "
                    + "response.");
        }
        ObjectNode body = WireJson.object();
        body.put("logGroupName", group);
        ArrayNode events = body.putArray("events");
        for (FunctionLogs.Event event : page.events()) {
            ObjectNode e = events.addObject();
            e.put("logStreamName", event.stream());
            e.put("timestamp", event.timestamp());
            e.put("message", event.message());
        }
        body.put("nextToken", page.nextToken());
        return ApiResponse.json(200, body);
    }

    private ApiResponse metrics(ApiRequest request) {
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), Optional.empty(), FunctionRef.Form.READ,
                registry.partition());
        int minutes = (int) Math.min(InvocationMetrics.KEEP_MINUTES, Math.max(1, number(request, "minutes", 60)));
        ObjectNode body = WireJson.object();
        body.put("FunctionName", ref.name());
        body.put("PeriodSeconds", 60);
        ArrayNode points = body.putArray("Minutes");
        for (InvocationMetrics.Minute m : engine.metrics().recent(ref.name(), minutes)) {
            ObjectNode p = points.addObject();
            p.put("Timestamp", m.minuteMs());
            p.put("Invocations", m.invocations());
            p.put("Errors", m.errors());
            p.put("Throttles", m.throttles());
            p.put("DurationAverageMs", m.invocations() == 0 ? 0 : m.durationSumMs() / m.invocations());
            p.put("DurationMaximumMs", m.durationMaxMs());
        }
        return ApiResponse.json(200, body);
    }

    private static long number(ApiRequest request, String name, long fallback) {
        Optional<String> raw = request.query(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new InvalidParameterValueException(name + " must be a number.");
        }
    }

    private ApiResponse sandboxes(ApiRequest request) {
        ObjectNode body = WireJson.object();
        ObjectNode functions = body.putObject("Functions");
        engine.sandboxCounts().forEach((name, counts) -> {
            ObjectNode f = functions.putObject(name);
            f.put("Sandboxes", counts.total());
            f.put("Idle", counts.idle());
        });
        ObjectNode spares = body.putObject("Spares");
        engine.spareCounts().forEach((runtime, counts) -> {
            ObjectNode r = spares.putObject(runtime);
            r.put("Ready", counts.ready());
            r.put("Adopted", counts.adopted());
        });
        return ApiResponse.json(200, body);
    }
}
