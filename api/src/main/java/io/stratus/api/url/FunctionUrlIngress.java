package io.stratus.api.url;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.Failures;
import io.stratus.api.Ingress;
import io.stratus.api.WireJson;
import io.stratus.api.http.BodyTooLargeException;
import io.stratus.api.http.HeaderField;
import io.stratus.api.http.HttpAnswer;
import io.stratus.api.http.HttpExchange;
import io.stratus.api.http.PayloadV2;
import io.stratus.api.http.ResponseV2;
import io.stratus.api.lambda.FunctionInvoker;
import io.stratus.engine.InvokeResult;
import io.stratus.model.error.AccessDeniedException;
import io.stratus.model.error.AwsException;
import io.stratus.model.error.RequestEntityTooLargeException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.error.TooManyRequestsException;
import io.stratus.model.function.FunctionVersion;
import io.stratus.store.url.FunctionUrlStore;
import io.stratus.store.url.FunctionUrlStore.StoredUrl;
import java.io.IOException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves function-URL requests ({@code {url-id}.lambda-url.*} or {@code /lambda-url/{url-id}/…}): finds the
 * config, answers CORS preflights, requires credentials for {@code AWS_IAM}, invokes the function synchronously
 * with a payload format 2.0 event and maps its result to HTTP. Every answer carries {@code x-amzn-RequestId}, the
 * invocation's request id. Errors use the URL front end's shapes, not the Lambda API's.
 */
public final class FunctionUrlIngress implements Ingress {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionUrlIngress.class);
    /** The front end's refusal, as recorded from AWS for a missing permission and for a deleted alias. */
    static final String FORBIDDEN = "Forbidden. For troubleshooting Function URL authorization issues, see:"
            + " https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html";

    private final FunctionUrlStore store;
    private final FunctionInvoker invoker;
    private final String accountId;
    private final IamRequestCheck iam;
    private final InstantSource clock;

    public FunctionUrlIngress(FunctionUrlStore store, FunctionInvoker invoker, String accountId,
                              InstantSource clock) {
        this.store = store;
        this.invoker = invoker;
        this.accountId = accountId;
        this.iam = new IamRequestCheck(accountId);
        this.clock = clock;
    }

    @Override
    public void serve(Request request, Response response, Callback callback, String urlId, String rawPath) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<HttpAnswer> answer;
        try {
            answer = answer(request, urlId, rawPath, requestId);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // Written by whichever thread completes the answer: for an invocation, the one that receives the runtime's
        // result, so no thread waits for the function meanwhile.
        answer.whenComplete((ok, failure) -> {
            HttpAnswer written = ok;
            if (failure != null) {
                LOG.error("requestId={} function URL {} failed", requestId, urlId, failure);
                written = error(500, "ServiceException", "Internal Server Error");
            }
            written.withHeader("x-amzn-RequestId", requestId).writeTo(response, callback);
        });
    }

    private CompletableFuture<HttpAnswer> answer(Request request, String urlId, String rawPath, String requestId) {
        Optional<StoredUrl> url = store.byUrlId(urlId);
        if (url.isEmpty()) {
            // A URL that does not (or no longer) exist answers like a refused one, as AWS does for deleted aliases.
            return CompletableFuture.completedFuture(forbidden());
        }
        HttpExchange exchange;
        try {
            exchange = HttpExchange.read(request, rawPath, clock);
        } catch (BodyTooLargeException e) {
            return CompletableFuture.completedFuture(tooLarge());
        } catch (IOException e) {
            return CompletableFuture.completedFuture(
                    error(400, "BadRequestException", "The request body could not be read: " + e.getMessage()));
        }
        Optional<CorsPolicy> cors = url.get().cors().map(Cors::fromJson).map(CorsPolicy::new);
        if (cors.isPresent() && CorsPolicy.isPreflight(exchange)) {
            return CompletableFuture.completedFuture(cors.get().preflight(exchange));
        }
        CompletableFuture<HttpAnswer> answer = invoke(url.get(), withFrontEndHeaders(exchange, request), requestId);
        HttpExchange seen = exchange;
        return cors.isEmpty() ? answer : answer.thenApply(a -> cors.get().decorate(seen, a));
    }

    private CompletableFuture<HttpAnswer> invoke(StoredUrl url, HttpExchange exchange, String requestId) {
        Optional<ObjectNode> authorizer = Optional.empty();
        String principal = "*";
        if (url.authType().equals("AWS_IAM")) {
            authorizer = iam.caller(exchange);
            if (authorizer.isEmpty()) {
                return CompletableFuture.completedFuture(forbidden());
            }
            principal = accountId;
        }
        byte[] event = PayloadV2.bytes(exchange, new PayloadV2.Target("$default", "$default", url.urlId(), accountId,
                requestId, Optional.empty(), Optional.empty(), authorizer.map(JsonNode.class::cast)));
        Optional<String> qualifier = url.qualifier().equals(FunctionVersion.LATEST)
                ? Optional.empty() : Optional.of(url.qualifier());
        CompletableFuture<InvokeResult> result;
        try {
            // Refusals (not found, access denied, throttled) are thrown by start().
            result = invoker.start(url.functionName(), qualifier, event,
                    FunctionInvoker.Caller.functionUrl(principal, url.authType()), Optional.of(requestId));
        } catch (AwsException e) {
            return CompletableFuture.completedFuture(refused(e));
        }
        return result.handle((ok, failure) -> {
            if (failure != null) {
                Throwable cause = Failures.cause(failure);
                if (cause instanceof AwsException aws) {
                    return refused(aws);
                }
                throw new CompletionException(cause);
            }
            if (ok.functionError().isPresent()) {
                return badGateway();
            }
            try {
                return ResponseV2.of(ok.payload());
            } catch (ResponseV2.MalformedResponseException e) {
                LOG.debug("requestId={} function URL {}: {}", requestId, url.urlId(), e.getMessage());
                return badGateway();
            }
        });
    }

    /** An invocation Lambda refused, as the URL front end reports it. */
    private static HttpAnswer refused(AwsException e) {
        if (e instanceof AccessDeniedException || e instanceof ResourceNotFoundException) {
            return forbidden();
        }
        if (e instanceof TooManyRequestsException) {
            return error(429, e.errorType(), "Rate Exceeded.");
        }
        if (e instanceof RequestEntityTooLargeException) {
            return tooLarge();
        }
        return error(e.httpStatus(), e.errorType(), e.getMessage());
    }

    /** Adds what the function-URL front end adds to the client's headers before the function sees them. */
    private static HttpExchange withFrontEndHeaders(HttpExchange exchange, Request request) {
        long seconds = exchange.requestTime().getEpochSecond();
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        String traceId = "Root=1-" + Long.toHexString(seconds) + "-" + HexFormat.of().formatHex(random);
        return exchange.withAddedHeaders(List.of(
                new HeaderField("x-amzn-trace-id", traceId),
                new HeaderField("x-forwarded-for", exchange.sourceIp()),
                new HeaderField("x-forwarded-proto", request.getHttpURI().getScheme()),
                new HeaderField("x-forwarded-port", Integer.toString(Request.getLocalPort(request)))));
    }

    private static HttpAnswer forbidden() {
        return error(403, "AccessDeniedException", FORBIDDEN);
    }

    /** A function error, timeout or unusable result, as the URL front end reports it (body per events.md §3). */
    private static HttpAnswer badGateway() {
        return new HttpAnswer(502, List.of(new HeaderField("Content-Type", "application/json")),
                "Internal Server Error".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static HttpAnswer tooLarge() {
        return error(413, "RequestEntityTooLargeException", "Request must be smaller than "
                + HttpExchange.MAX_BODY_BYTES + " bytes for the InvokeFunction operation");
    }

    private static HttpAnswer error(int status, String type, String message) {
        return HttpAnswer.json(status, WireJson.object().put("Message", message).toString())
                .withHeader("x-amzn-ErrorType", type);
    }
}
