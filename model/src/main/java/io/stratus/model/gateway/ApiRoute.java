package io.stratus.model.gateway;

import java.util.Optional;

/**
 * A route of an HTTP API: a route key ({@code $default} or {@code METHOD /path}) and the integration it sends
 * requests to. Immutable.
 *
 * @param apiId             owning API
 * @param routeId           7 lower-case alphanumerics
 * @param routeKey          {@code $default} or {@code METHOD /path}, validated by the API layer
 * @param target            {@code integrations/{integrationId}}; a route without one answers 404
 * @param authorizationType {@code NONE} (other types are stored, not enforced)
 * @param apiKeyRequired    stored as sent; HTTP APIs have no API keys
 * @param operationName     the caller's label
 * @param apiGatewayManaged true when quick create made it
 */
public record ApiRoute(String apiId, String routeId, String routeKey, Optional<String> target,
                       String authorizationType, boolean apiKeyRequired, Optional<String> operationName,
                       boolean apiGatewayManaged) {

    /** The catch-all route key. */
    public static final String DEFAULT_KEY = "$default";
    /** The prefix of a route's target. */
    public static final String TARGET_PREFIX = "integrations/";

    /** The integration id the target names, if it names one. */
    public Optional<String> integrationId() {
        return target.filter(t -> t.startsWith(TARGET_PREFIX)).map(t -> t.substring(TARGET_PREFIX.length()));
    }
}
