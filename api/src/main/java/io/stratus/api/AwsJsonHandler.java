package io.stratus.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.model.error.AwsException;
import io.stratus.model.error.ServiceError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error boundary of one AWS JSON 1.1 service ({@code POST /} with {@code X-Amz-Target: Prefix.Operation}):
 * finds the operation by the target's suffix, runs it, and renders errors as that protocol does —
 * {@code {"__type":"Name","message":"…"}} with the error's status (400 for client errors).
 */
public final class AwsJsonHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(AwsJsonHandler.class);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_BODY = 1024 * 1024;

    private final String targetPrefix;
    private final Map<String, Route.Operation> operations;

    /**
     * @param targetPrefix the service's target prefix, such as {@code AWSEvents}
     * @param operations   operations by name, such as {@code PutRule}
     */
    public AwsJsonHandler(String targetPrefix, Map<String, Route.Operation> operations) {
        this.targetPrefix = targetPrefix;
        this.operations = Map.copyOf(operations);
    }

    /** The target prefix this handler serves. */
    public String targetPrefix() {
        return targetPrefix;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        String target = request.getHeaders().get("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        ApiResponse answer;
        try {
            Route.Operation op = operations.get(operation);
            if (op == null || !request.getMethod().equals("POST")) {
                throw new ServiceError(400, "UnknownOperationException", null);
            }
            answer = op.handle(read(request, requestId));
        } catch (AwsException e) {
            answer = error(e);
            LOG.debug("requestId={} target={} error={}", requestId, target, e.errorType());
        } catch (RuntimeException | IOException | Error e) {
            LOG.error("requestId={} target={} failed", requestId, target, e);
            answer = error(new ServiceError(500, "InternalException", "An internal error occurred. Request id: "
                    + requestId));
        }
        response.setStatus(answer.status());
        response.getHeaders().put("x-amzn-RequestId", requestId);
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    private static ApiRequest read(Request request, String requestId) throws IOException {
        if (request.getLength() > MAX_BODY) {
            throw new ServiceError(413, "RequestEntityTooLargeException", "Request must be smaller than "
                    + MAX_BODY + " bytes.");
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new ServiceError(413, "RequestEntityTooLargeException", "Request must be smaller than "
                    + MAX_BODY + " bytes.");
        }
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.putIfAbsent(field.getLowerCaseName(), field.getValue());
        }
        return new ApiRequest(requestId, "POST", Map.of(), Map.<String, List<String>>of(), Map.copyOf(headers), body,
                "");
    }

    /** The JSON 1.1 rendering of an error. */
    static ApiResponse error(AwsException e) {
        ObjectNode body = WireJson.object();
        body.put("__type", e.errorType());
        if (e.getMessage() != null) {
            body.put("message", e.getMessage());
        }
        int status = e.httpStatus();
        return ApiResponse.json(status, body);
    }
}
