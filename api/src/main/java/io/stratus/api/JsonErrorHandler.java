package io.stratus.api;

import io.stratus.model.error.InvalidRequestContentException;
import io.stratus.model.error.ServiceException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers errors Jetty detects before any handler runs (malformed request line, oversized headers, bad URI) in the
 * same AWS JSON shape as every other error, instead of Jetty's HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        Object cause = request.getAttribute(ERROR_MESSAGE);
        String detail = cause == null ? "The request could not be processed." : cause.toString();
        ApiResponse answer = status >= 500
                ? ErrorResponses.of(new ServiceException("An internal error occurred."))
                : ErrorResponses.of(new InvalidRequestContentException("The request is malformed: " + detail));
        response.setStatus(status);
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }
}
