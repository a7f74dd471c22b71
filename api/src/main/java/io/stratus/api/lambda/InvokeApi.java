package io.stratus.api.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.Route;
import io.stratus.api.Router;
import io.stratus.engine.Engine;
import io.stratus.engine.InvokeRequest;
import io.stratus.engine.InvokeResult;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.InvalidRequestContentException;
import io.stratus.model.error.RequestEntityTooLargeException;
import io.stratus.model.error.ResourceConflictException;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionState;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Invoke operation ({@code POST /2015-03-31/functions/{name}/invocations}): validates the request as Lambda
 * does, runs the function through the engine, and answers with Lambda's headers. Function failures are
 * HTTP 200 with {@code X-Amz-Function-Error}; only platform and request errors use other statuses.
 */
final class InvokeApi {

    /** Lambda's synchronous request payload limit. */
    static final long MAX_SYNC_PAYLOAD = 6_291_456;
    /** Lambda's asynchronous payload limit (1 MB since October 2025). */
    static final long MAX_ASYNC_PAYLOAD = 1_048_576;
    private static final int MAX_CLIENT_CONTEXT = 3583;
    private static final JsonFactory JSON = new JsonFactory();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InvokeApi.class);

    private final FunctionRegistry registry;
    private final Engine engine;
    private final AsyncInvoker async;

    InvokeApi(FunctionRegistry registry, Engine engine, AsyncInvoker async) {
        this.registry = registry;
        this.engine = engine;
        this.async = async;
    }

    void register(Router router) {
        router.add(new Route("POST", "/2015-03-31/functions/{FunctionName}/invocations", "InvokeFunction",
                MAX_SYNC_PAYLOAD, (Route.DeferredOperation) this::invoke));
    }

    private CompletionStage<ApiResponse> invoke(ApiRequest request) {
        String invocationType = request.header("X-Amz-Invocation-Type").orElse("RequestResponse");
        String logType = request.header("X-Amz-Log-Type").orElse("None");
        if (!Set.of("RequestResponse", "Event", "DryRun").contains(invocationType)) {
            throw new InvalidParameterValueException("1 validation error detected: Value '" + invocationType
                    + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[Event, RequestResponse, DryRun]");
        }
        if (!logType.equals("None") && !logType.equals("Tail")) {
            throw new InvalidParameterValueException("1 validation error detected: Value '" + logType
                    + "' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [Tail, None]");
        }
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), request.query("Qualifier"),
                FunctionRef.Form.READ, registry.partition());
        Optional<String> clientContext = clientContext(request.header("X-Amz-Client-Context"));
        checkPayload(request.body());
        FunctionRecord function = registry.forInvocation(ref);
        if (function.state().state().equals(FunctionState.PENDING)) {
            throw new ResourceConflictException("The operation cannot be performed at this time. The function is"
                    + " currently in the following state: " + function.state().state());
        }
        if (invocationType.equals("Event")) {
            if (request.body().length > MAX_ASYNC_PAYLOAD) {
                throw new RequestEntityTooLargeException("Request must be smaller than " + MAX_ASYNC_PAYLOAD
                        + " bytes for the InvokeFunction operation");
            }
            byte[] event = request.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : request.body();
            // Durable before the 202: the event survives a crash from here on.
            String requestId = async.enqueue(ref, event);
            LOG.debug("accepted asynchronous event {} for {}", requestId, ref.name());
            return CompletableFuture.completedFuture(ApiResponse.empty(202));
        }
        // The runtime's client sees the engine's answer; make sure the runtime can run before a dry run says yes.
        engine.resolveRuntime(function.config().runtime());
        if (invocationType.equals("DryRun")) {
            return CompletableFuture.completedFuture(ApiResponse.empty(204));
        }
        String invokedArn = ref.qualifier().isPresent()
                ? registry.partition().functionArn(ref.name()) + ":" + ref.qualifier().get()
                : registry.partition().functionArn(ref.name());
        byte[] payload = request.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : request.body();
        return engine.start(new InvokeRequest(function, invokedArn, payload, clientContext, logType.equals("Tail"),
                Optional.empty())).thenApply(InvokeApi::answer);
    }

    private static ApiResponse answer(InvokeResult result) {
        ApiResponse response = ApiResponse.bytes(200, result.contentType(), result.payload())
                .withHeader("X-Amz-Executed-Version", result.executedVersion());
        if (result.functionError().isPresent()) {
            response = response.withHeader("X-Amz-Function-Error", result.functionError().get());
        }
        if (result.logTail().isPresent()) {
            response = response.withHeader("X-Amz-Log-Result", result.logTail().get());
        }
        return response;
    }

    /** The client context decoded to the JSON text the runtime receives. */
    private static Optional<String> clientContext(Optional<String> header) {
        if (header.isEmpty() || header.get().isEmpty()) {
            return Optional.empty();
        }
        String encoded = header.get();
        if (encoded.length() > MAX_CLIENT_CONTEXT) {
            throw new InvalidParameterValueException("Client context must be less than or equal to "
                    + MAX_CLIENT_CONTEXT + " bytes.");
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(encoded);
            String json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(decoded)).toString();
            try (JsonParser parser = JSON.createParser(json)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not an object");
                }
                parser.skipChildren();
            }
            return Optional.of(json);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new InvalidRequestContentException("Client context must be a valid Base64-encoded JSON object.");
        } catch (IOException e) {
            throw new InvalidRequestContentException("Client context must be a valid Base64-encoded JSON object.");
        }
    }

    /** The payload must be one JSON value (an empty body counts as {@code {}}). */
    private static void checkPayload(byte[] body) {
        if (body.length == 0) {
            return;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return;
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new InvalidRequestContentException("Could not parse request body into json: Could not parse "
                        + "payload into json: Unexpected content after the JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRequestContentException("Could not parse request body into json: Could not parse "
                    + "payload into json: " + e.getOriginalMessage() + "\n at " + location(e));
        } catch (IOException e) {
            throw new InvalidRequestContentException("Could not parse request body into json: " + e.getMessage());
        }
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null) {
            return "[Source: REDACTED]";
        }
        return "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: "
                + e.getLocation().getLineNr() + ", column: " + e.getLocation().getColumnNr() + "]";
    }
}
