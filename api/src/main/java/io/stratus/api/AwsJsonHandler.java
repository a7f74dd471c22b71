package io.stratus.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.model.error.AwsException;
import io.stratus.model.error.ServiceError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error boundary of one AWS JSON service ({@code POST} with {@code X-Amz-Target: Prefix.Operation}): finds the
 * operation by the target's suffix, runs it, and renders errors as the service's {@link Protocol} does — for
 * JSON 1.1 {@code {"__type":"Name","message":"…"}} with the error's status (400 for client errors).
 */
public final class AwsJsonHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(AwsJsonHandler.class);
    /**
     * How a service speaks AWS JSON.
     *
     * @param contentType  the content type of its responses
     * @param maxBodyBytes the largest request body it reads
     * @param errors       how it renders an error
     */
    public record Protocol(String contentType, int maxBodyBytes, Function<AwsException, ApiResponse> errors) {

        /** AWS JSON 1.1 as EventBridge speaks it, with 1 MiB requests. */
        public static final Protocol JSON_1_1 = new Protocol("application/x-amz-json-1.1", 1024 * 1024,
                AwsJsonHandler::error);
    }

    private final String targetPrefix;
    private final Map<String, Route.Operation> operations;
    private final Protocol protocol;

    /**
     * An AWS JSON 1.1 service.
     *
     * @param targetPrefix the service's target prefix, such as {@code AWSEvents}
     * @param operations   operations by name, such as {@code PutRule}
     */
    public AwsJsonHandler(String targetPrefix, Map<String, Route.Operation> operations) {
        this(targetPrefix, operations, Protocol.JSON_1_1);
    }

    /** A service speaking {@code protocol}. */
    public AwsJsonHandler(String targetPrefix, Map<String, Route.Operation> operations, Protocol protocol) {
        this.targetPrefix = targetPrefix;
        this.operations = Map.copyOf(operations);
        this.protocol = protocol;
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
            answer = protocol.errors().apply(e);
            LOG.debug("requestId={} target={} error={}", requestId, target, e.errorType());
        } catch (RuntimeException | IOException | Error e) {
            LOG.error("requestId={} target={} failed", requestId, target, e);
            answer = protocol.errors().apply(new ServiceError(500, "InternalException",
                    "An internal error occurred. Request id: " + requestId));
        }
        response.setStatus(answer.status());
        response.getHeaders().put("x-amzn-RequestId", requestId);
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, protocol.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    private ApiRequest read(Request request, String requestId) throws IOException {
        int max = protocol.maxBodyBytes();
        if (request.getLength() > max) {
            throw new ServiceError(413, "RequestEntityTooLargeException", "Request must be smaller than "
                    + max + " bytes.");
        }
        byte[] body = RequestBodies.read(request, max);
        if (body.length > max) {
            throw new ServiceError(413, "RequestEntityTooLargeException", "Request must be smaller than "
                    + max + " bytes.");
        }
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.putIfAbsent(field.getLowerCaseName(), field.getValue());
        }
        return new ApiRequest(requestId, "POST", Map.of(), Map.<String, List<String>>of(), Map.copyOf(headers), body,
                "");
    }

    /** The JSON 1.1 rendering of an error. */
    public static ApiResponse error(AwsException e) {
        ObjectNode body = WireJson.object();
        body.put("__type", e.errorType());
        if (e.getMessage() != null) {
            body.put("message", e.getMessage());
        }
        int status = e.httpStatus();
        return ApiResponse.json(status, body);
    }
}
