package io.stratus.api;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A data-plane entry point addressed by a resource id (a function URL's url-id, an HTTP API's api-id) rather than
 * by an operation: it owns the whole exchange, including its error bodies, which are the emulated service's and
 * not Lambda's.
 */
@FunctionalInterface
public interface Ingress {

    /**
     * Serves one request and completes {@code callback}.
     *
     * @param resourceId the id from the host name or the path-style prefix, lower case
     * @param rawPath    the request path after the id, still percent-encoded, starting with {@code /}
     */
    void serve(Request request, Response response, Callback callback, String resourceId, String rawPath);
}
