package io.stratus.api;

import io.stratus.model.error.AwsException;
import io.stratus.model.error.RequestEntityTooLargeException;
import io.stratus.model.error.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error boundary of every API: routes a request, runs its operation on the calling (virtual) thread, and turns
 * whatever it throws into an AWS-shaped error. Every response carries {@code x-amzn-RequestId}. Unexpected
 * exceptions become a generic 500 {@code ServiceException}; their details go to the operator log with the
 * request id, never to the client.
 */
public final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;

    public ApiHandler(Router router) {
        this.router = router;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        String operation = "unrouted";
        CompletionStage<ApiResponse> answer;
        try {
            Router.Match match = router.find(request.getMethod(), request.getHttpURI().getPath());
            operation = match.route().operation();
            answer = match.route().handler().start(toApiRequest(request, match, requestId));
        } catch (RuntimeException | IOException | Error e) {
            answer = CompletableFuture.failedFuture(e);
        }
        String name = operation;
        answer.whenComplete((ok, failure) ->
                write(response, failure == null ? ok : failed(failure, requestId, name), requestId, callback));
        return true;
    }

    /** The AWS error for what an operation threw or completed with. */
    private static ApiResponse failed(Throwable failure, String requestId, String operation) {
        Throwable e = Failures.cause(failure);
        if (e instanceof AwsException aws) {
            LOG.debug("requestId={} operation={} error={}", requestId, operation, aws.errorType());
            return ErrorResponses.of(aws);
        }
        LOG.error("requestId={} operation={} failed", requestId, operation, e);
        return ErrorResponses.of(new ServiceException("An internal error occurred. Request id: " + requestId));
    }

    private static ApiRequest toApiRequest(Request request, Router.Match match, String requestId) throws IOException {
        Route route = match.route();
        Map<String, List<String>> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field field : fields) {
            query.put(field.getName(), List.copyOf(field.getValues()));
        }
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.putIfAbsent(field.getLowerCaseName(), field.getValue());
        }
        byte[] body = readBody(request, route);
        return new ApiRequest(requestId, request.getMethod(), match.params(), Map.copyOf(query), Map.copyOf(headers),
                body, baseUrl(request));
    }

    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private static byte[] readBody(Request request, Route route) throws IOException {
        long declared = request.getLength();
        if (declared > route.maxBodyBytes()) {
            // Clients that send the whole body before reading the answer (most SDK HTTP clients) only see the
            // 413 if the body is read; bodies far over any limit are refused without reading them.
            if (declared <= route.maxBodyBytes() + DRAIN_LIMIT) {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    in.skip(declared);
                }
            }
            throw tooLarge(route);
        }
        byte[] body = RequestBodies.read(request, route.maxBodyBytes());
        if (body.length > route.maxBodyBytes()) {
            throw tooLarge(route);
        }
        return body;
    }

    private static RequestEntityTooLargeException tooLarge(Route route) {
        return new RequestEntityTooLargeException("Request must be smaller than " + route.maxBodyBytes()
                + " bytes for the " + route.operation() + " operation");
    }

    private static String baseUrl(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || host.isBlank()) {
            host = Request.getServerName(request) + ":" + Request.getServerPort(request);
        }
        return request.getHttpURI().getScheme() + "://" + host;
    }

    private static void write(Response response, ApiResponse answer, String requestId, Callback callback) {
        response.setStatus(answer.status());
        response.getHeaders().put("x-amzn-RequestId", requestId);
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (!answer.contentType().isEmpty()) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
