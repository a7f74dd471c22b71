package io.stratus.api.lambda;

import io.stratus.engine.Engine;
import io.stratus.engine.InvokeRequest;
import io.stratus.engine.InvokeResult;
import io.stratus.model.error.RequestEntityTooLargeException;
import io.stratus.model.error.ResourceConflictException;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionState;
import io.stratus.store.async.AsyncQueue;
import java.util.Optional;

/**
 * How triggers (function URLs, HTTP APIs, schedules) invoke functions: the same admission, concurrency limits and
 * asynchronous queue as the Invoke operation, after asking the function's resource policy whether the calling
 * service may invoke it. Thread-safe.
 */
public final class FunctionInvoker {

    private final FunctionRegistry registry;
    private final Engine engine;
    private final AsyncInvoker async;
    private final InvokeAuthorizer authorizer;

    FunctionInvoker(FunctionRegistry registry, Engine engine, AsyncInvoker async, InvokeAuthorizer authorizer) {
        this.registry = registry;
        this.engine = engine;
        this.async = async;
        this.authorizer = authorizer;
    }

    /**
     * Who invokes, as a resource policy sees it.
     *
     * @param principal           a service principal ({@code apigateway.amazonaws.com}), an account id, or
     *                            {@code *} for anonymous function-URL callers
     * @param action              {@code lambda:InvokeFunction} or {@code lambda:InvokeFunctionUrl}
     * @param sourceArn           the calling resource, such as the API's execute-api ARN or the rule's ARN
     * @param functionUrlAuthType {@code NONE} or {@code AWS_IAM} for function-URL calls
     */
    public record Caller(String principal, String action, Optional<String> sourceArn,
                         Optional<String> functionUrlAuthType) {

        /** A service invoking on behalf of one of its resources. */
        public static Caller service(String principal, String sourceArn) {
            return new Caller(principal, "lambda:InvokeFunction", Optional.of(sourceArn), Optional.empty());
        }

        /** A function-URL caller under the URL's auth type. */
        public static Caller functionUrl(String principal, String authType) {
            return new Caller(principal, "lambda:InvokeFunctionUrl", Optional.empty(), Optional.of(authType));
        }
    }

    /**
     * Invokes synchronously, as API Gateway and function URLs do.
     *
     * @param function  name, partial ARN or ARN, with or without a qualifier suffix
     * @param qualifier a version or alias, when not in {@code function}
     * @throws io.stratus.model.error.ResourceNotFoundException  when the function or qualifier does not exist
     * @throws io.stratus.model.error.AccessDeniedException      when the resource policy refuses the caller
     * @throws io.stratus.model.error.TooManyRequestsException   when concurrency limits throttle the call
     * @throws io.stratus.model.error.InvalidRuntimeException    when the runtime cannot run here
     */
    public InvokeResult invoke(String function, Optional<String> qualifier, byte[] payload, Caller caller) {
        return invoke(function, qualifier, payload, caller, Optional.empty());
    }

    /**
     * Invokes synchronously under a request id the caller chose, as function URLs do: the id in the event, the
     * function's context and the {@code x-amzn-RequestId} response header are then one and the same.
     */
    public InvokeResult invoke(String function, Optional<String> qualifier, byte[] payload, Caller caller,
                               Optional<String> requestId) {
        return engine.invoke(admitSync(function, qualifier, payload, caller, requestId));
    }

    /**
     * Starts a synchronous invocation and answers without waiting for it, as {@link #invoke} would; refusals
     * (not found, access denied, throttled) are thrown at once, failures of the run complete the future. The
     * result completes on the thread that receives the runtime's answer, so a caller waiting on it is woken once.
     */
    public java.util.concurrent.CompletableFuture<InvokeResult> start(String function, Optional<String> qualifier,
                                                                      byte[] payload, Caller caller,
                                                                      Optional<String> requestId) {
        return engine.start(admitSync(function, qualifier, payload, caller, requestId));
    }

    /** The checks every synchronous invocation passes (refusals are thrown), and its engine request. */
    private InvokeRequest admitSync(String function, Optional<String> qualifier, byte[] payload, Caller caller,
                                    Optional<String> requestId) {
        FunctionRef ref = FunctionRef.parse(function, qualifier, FunctionRef.Form.READ, registry.partition());
        if (payload.length > InvokeApi.MAX_SYNC_PAYLOAD) {
            throw new RequestEntityTooLargeException("Request must be smaller than " + InvokeApi.MAX_SYNC_PAYLOAD
                    + " bytes for the InvokeFunction operation");
        }
        FunctionRecord record = admissible(ref, caller);
        engine.resolveRuntime(record.config().runtime());
        String invokedArn = ref.qualifier().isPresent()
                ? registry.partition().functionArn(ref.name()) + ":" + ref.qualifier().get()
                : registry.partition().functionArn(ref.name());
        return new InvokeRequest(record, invokedArn, payload, Optional.empty(), false, requestId);
    }

    /**
     * Queues an asynchronous invocation durably, as EventBridge and S3 do.
     *
     * @return the event's request id, once it is stored
     */
    public String invokeAsync(String function, Optional<String> qualifier, byte[] payload, Caller caller) {
        return async.store(admitAsync(function, qualifier, payload, caller));
    }

    /**
     * Admits an asynchronous invocation as {@link #invokeAsync} does, but leaves storing it to the caller, who
     * stores it in its own transaction (a schedule records its fire and queues the fire's invocations atomically)
     * and then calls {@link #asyncEventsStored()}.
     *
     * @return the event to store, with its request id
     */
    public AsyncQueue.Event admitAsync(String function, Optional<String> qualifier, byte[] payload, Caller caller) {
        FunctionRef ref = FunctionRef.parse(function, qualifier, FunctionRef.Form.READ, registry.partition());
        if (payload.length > InvokeApi.MAX_ASYNC_PAYLOAD) {
            throw new RequestEntityTooLargeException("Request must be smaller than " + InvokeApi.MAX_ASYNC_PAYLOAD
                    + " bytes for the InvokeFunction operation");
        }
        admissible(ref, caller);
        return async.newEvent(ref, payload);
    }

    /** Tells the asynchronous dispatcher that events admitted with {@link #admitAsync} were stored. */
    public void asyncEventsStored() {
        async.wake();
    }

    /** Whether a function (and qualifier) exists now; triggers use it to validate targets. */
    public boolean exists(String function, Optional<String> qualifier) {
        try {
            FunctionRef ref = FunctionRef.parse(function, qualifier, FunctionRef.Form.READ, registry.partition());
            registry.get(ref);
            return true;
        } catch (io.stratus.model.error.AwsException e) {
            return false;
        }
    }

    private FunctionRecord admissible(FunctionRef ref, Caller caller) {
        FunctionRecord record = registry.forInvocation(ref);
        authorizer.authorize(ref, caller);
        if (record.state().state().equals(FunctionState.PENDING)) {
            throw new ResourceConflictException("The operation cannot be performed at this time. The function is"
                    + " currently in the following state: " + record.state().state());
        }
        return record;
    }
}
