package io.stratus.api;

import io.stratus.model.error.UnknownOperationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the route for a method and path. Routes are registered at startup and never change afterwards, so
 * lookups need no locking. Matching is exact per segment; literal segments win over parameters because routes
 * are tried in registration order and callers register the more specific ones first.
 */
public final class Router {

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route. Call only during startup. */
    public Router add(Route route) {
        routes.add(route);
        return this;
    }

    /**
     * A matched route with its decoded parameters.
     *
     * @param route  the route
     * @param params decoded path parameters
     */
    public record Match(Route route, Map<String, String> params) {
    }

    /**
     * The route for a request.
     *
     * @throws UnknownOperationException 404 when no route has this path, 405 when only the method differs
     */
    public Match find(String method, String rawPath) {
        List<String> segments;
        try {
            segments = Paths.segments(rawPath);
        } catch (IllegalArgumentException e) {
            throw new UnknownOperationException(404, "The request path is not valid: " + e.getMessage());
        }
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(segments);
            if (params.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match(route, params.get());
                }
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            throw new UnknownOperationException(405, "Method " + method + " is not allowed on " + rawPath
                    + "; allowed: " + String.join(", ", allowed) + ".");
        }
        throw new UnknownOperationException(404, "No operation matches " + method + " " + rawPath + ".");
    }
}
