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
    /** Each route's template segments, parsed once: re-parsing every template on every request showed in profiles. */
    private final List<List<String>> templates = new ArrayList<>();

    /** Adds a route. Call only during startup. */
    public Router add(Route route) {
        routes.add(route);
        templates.add(List.copyOf(route.segments()));
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
        TreeSet<String> allowed = null;
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            Optional<Map<String, String>> params = route.match(templates.get(i), segments);
            if (params.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match(route, params.get());
                }
                if (allowed == null) {
                    allowed = new TreeSet<>();
                }
                allowed.add(route.method());
            }
        }
        if (allowed != null) {
            throw new UnknownOperationException(405, "Method " + method + " is not allowed on " + rawPath
                    + "; allowed: " + String.join(", ", allowed) + ".");
        }
        throw new UnknownOperationException(404, "No operation matches " + method + " " + rawPath + ".");
    }
}
