package io.stratus.model.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API (API Gateway v2, protocol type HTTP). Immutable.
 *
 * @param apiId                     10 lower-case alphanumerics
 * @param name                      1–128 characters
 * @param description               free text
 * @param routeSelectionExpression  always {@code ${request.method} ${request.path}} for HTTP APIs
 * @param version                   the caller's version label
 * @param disableExecuteApiEndpoint kept and reported; the endpoint is served either way
 * @param tags                      resource tags
 * @param createdMs                 creation time, epoch milliseconds
 */
public record HttpApi(String apiId, String name, Optional<String> description, String routeSelectionExpression,
                      Optional<String> version, boolean disableExecuteApiEndpoint, Map<String, String> tags,
                      long createdMs) {

    public HttpApi {
        tags = Map.copyOf(tags);
    }

    /** The only protocol this platform serves. */
    public static final String PROTOCOL_HTTP = "HTTP";
    /** The route selection expression of every HTTP API. */
    public static final String DEFAULT_ROUTE_SELECTION = "${request.method} ${request.path}";
}
