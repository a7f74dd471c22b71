package io.stratus.api.gateway;

import io.stratus.api.Failures;
import io.stratus.api.http.HttpAnswer;
import io.stratus.api.http.HttpExchange;
import io.stratus.api.http.PayloadV1;
import io.stratus.api.http.PayloadV2;
import io.stratus.api.http.ResponseV1;
import io.stratus.api.http.ResponseV2;
import io.stratus.api.lambda.FunctionInvoker;
import io.stratus.engine.InvokeResult;
import io.stratus.engine.sandbox.Deadlines;
import io.stratus.model.error.AwsException;
import io.stratus.model.error.TooManyRequestsException;
import io.stratus.model.function.Partition;
import io.stratus.model.gateway.ApiIntegration;
import io.stratus.model.gateway.ApiRoute;
import io.stratus.model.gateway.ApiStage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda proxy ({@code AWS_PROXY}) integration call: the event in the integration's payload format, a synchronous
 * invocation as {@code apigateway.amazonaws.com} on behalf of the route's execute-api ARN, bounded by
 * {@code timeoutInMillis}, and the function's answer mapped back to HTTP. Outcomes map to API Gateway's answers:
 * function error or malformed response 502, throttle 429, timeout 503, and 500 when the call cannot be made at all
 * (missing function, refused by the resource policy). A timed-out function is not stopped: it runs to its own
 * timeout, as in Lambda.
 */
final class LambdaProxy {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaProxy.class);
    static final String PRINCIPAL = "apigateway.amazonaws.com";
    /** Integration timeouts; one thread for all of them, woken only for a deadline earlier than it waits for. */
    private static final Deadlines TIMEOUTS = new Deadlines("gateway-timeouts");

    private final Partition partition;
    private final FunctionInvoker invoker;

    LambdaProxy(Partition partition, FunctionInvoker invoker) {
        this.partition = partition;
        this.invoker = invoker;
    }

    /**
     * One integration call's context.
     *
     * @param apiId       the API
     * @param stage       the stage that matched
     * @param match       the route and its path parameters
     * @param integration the route's integration
     * @param requestId   the gateway's request id
     */
    record Call(String apiId, ApiStage stage, RouteMatcher.Match match, ApiIntegration integration,
                String requestId) {

        ApiRoute route() {
            return match.route();
        }
    }

    /**
     * Starts the call and answers when the function has, or with 503 once the integration's timeout has passed,
     * whichever comes first. No thread waits meanwhile: the thread that receives the runtime's answer completes the
     * call (waiting on the request's thread cost a wake-up, and a timed park a timer, per request).
     */
    CompletableFuture<HttpAnswer> start(HttpExchange exchange, Call call) {
        Optional<String> function = call.integration().integrationUri().flatMap(LambdaUri::functionArn);
        if (function.isEmpty()) {
            return CompletableFuture.completedFuture(GatewayAnswers.internalError());
        }
        boolean v1 = call.integration().payloadFormatVersion().equals("1.0");
        byte[] event = v1 ? PayloadV1.bytes(exchange, v1Target(call)) : PayloadV2.bytes(exchange, v2Target(call));
        FunctionInvoker.Caller caller = FunctionInvoker.Caller.service(PRINCIPAL, sourceArn(call, exchange.method()));
        CompletableFuture<InvokeResult> result;
        try {
            // Refusals (not found, access denied, throttled) are thrown by start().
            result = invoker.start(function.get(), Optional.empty(), event, caller, Optional.empty());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(e, call));
        }
        CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
        // A timed-out call leaves the invocation running: completing its future is what frees its concurrency.
        Deadlines.Deadline timeout = TIMEOUTS.arm(TimeUnit.MILLISECONDS.toNanos(call.integration().timeoutMs()),
                () -> answer.complete(GatewayAnswers.timedOut()));
        result.whenComplete((ok, failure) -> {
            timeout.cancel();
            answer.complete(failure == null ? answer(ok, v1) : failed(Failures.cause(failure), call));
        });
        return answer;
    }

    private static HttpAnswer answer(InvokeResult result, boolean v1) {
        if (result.functionError().isPresent()) {
            return GatewayAnswers.badGateway();
        }
        try {
            return v1 ? ResponseV1.of(result.payload()) : ResponseV2.of(result.payload());
        } catch (ResponseV2.MalformedResponseException e) {
            LOG.debug("malformed Lambda proxy response: {}", e.getMessage());
            return GatewayAnswers.badGateway();
        }
    }

    private static HttpAnswer failed(Throwable cause, Call call) {
        if (cause instanceof TooManyRequestsException) {
            return GatewayAnswers.throttled();
        }
        if (cause instanceof AwsException e) {
            LOG.info("apiId={} route={} integration {} cannot invoke: {} {}", call.apiId(), call.route().routeKey(),
                    call.integration().integrationId(), e.errorType(), e.getMessage());
        } else {
            LOG.error("apiId={} route={} invocation failed", call.apiId(), call.route().routeKey(), cause);
        }
        return GatewayAnswers.internalError();
    }

    /**
     * {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{route path}}, or
     * {@code …/{stage}/$default} for the default route: the form Lambda permissions for API Gateway name.
     */
    private String sourceArn(Call call, String method) {
        String routeKey = call.route().routeKey();
        String resource = routeKey.equals(ApiRoute.DEFAULT_KEY) ? ApiRoute.DEFAULT_KEY
                : method + routeKey.substring(routeKey.indexOf(' ') + 1);
        return "arn:aws:execute-api:" + partition.region() + ":" + partition.accountId() + ":" + call.apiId() + "/"
                + call.stage().stageName() + "/" + resource;
    }

    private PayloadV2.Target v2Target(Call call) {
        Map<String, String> params = call.match().pathParameters();
        Map<String, String> variables = call.stage().stageVariables();
        return new PayloadV2.Target(call.route().routeKey(), call.stage().stageName(), call.apiId(),
                partition.accountId(), call.requestId(), params.isEmpty() ? Optional.empty() : Optional.of(params),
                variables.isEmpty() ? Optional.empty() : Optional.of(variables), Optional.empty());
    }

    private PayloadV1.Target v1Target(Call call) {
        return new PayloadV1.Target(call.route().routeKey(), call.stage().stageName(), call.apiId(),
                partition.accountId(), call.requestId(), call.match().pathParameters(),
                call.stage().stageVariables());
    }
}
