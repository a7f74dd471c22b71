package io.stratus.api.gateway;

import io.stratus.model.gateway.ApiRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the route for a request as API Gateway does for HTTP APIs: the most specific path wins, segment by
 * segment from the left (a literal beats {@code {param}}, which beats a greedy {@code {param+}}); for equally
 * specific paths an exact method beats {@code ANY}; {@code $default} catches whatever nothing else matched. A
 * greedy variable needs at least one segment, so {@code /{proxy+}} does not match {@code /}.
 */
final class RouteMatcher {

    private RouteMatcher() {
    }

    /**
     * A matched route with its path parameters.
     *
     * @param route          the route
     * @param pathParameters decoded values by variable name, in path order
     */
    record Match(ApiRoute route, Map<String, String> pathParameters) {
    }

    /** A candidate with its rank: one number per segment (0 literal, 1 variable, 2 greedy), then the method. */
    private record Candidate(Match match, List<Integer> rank) {
    }

    /**
     * The route for a request.
     *
     * @param method   the request's method
     * @param segments the request path's segments, each percent-decoded
     */
    static Optional<Match> match(List<ApiRoute> routes, String method, List<String> segments) {
        List<Candidate> candidates = new ArrayList<>();
        Optional<ApiRoute> fallback = Optional.empty();
        for (ApiRoute route : routes) {
            RouteKey key = RouteKey.parse(route.routeKey());
            if (key.isDefault()) {
                fallback = Optional.of(route);
            } else if (key.method().equals(method) || key.method().equals(RouteKey.ANY)) {
                candidate(route, key, method, segments).ifPresent(candidates::add);
            }
        }
        Optional<Match> best = candidates.stream().min(Comparator.comparing(Candidate::rank, RouteMatcher::compare))
                .map(Candidate::match);
        if (best.isPresent()) {
            return best;
        }
        return fallback.map(route -> new Match(route, Map.of()));
    }

    private static Optional<Candidate> candidate(ApiRoute route, RouteKey key, String method,
                                                 List<String> segments) {
        List<String> pattern = key.segments();
        Map<String, String> params = new LinkedHashMap<>();
        List<Integer> rank = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (RouteKey.isParam(p) && RouteKey.isGreedy(p)) {
                if (i >= segments.size()) {
                    return Optional.empty();
                }
                params.put(RouteKey.paramName(p), String.join("/", segments.subList(i, segments.size())));
                rank.add(2);
                return Optional.of(finish(route, params, rank, key, method));
            }
            if (i >= segments.size()) {
                return Optional.empty();
            }
            String s = segments.get(i);
            if (RouteKey.isParam(p)) {
                if (s.isEmpty()) {
                    return Optional.empty();
                }
                params.put(RouteKey.paramName(p), s);
                rank.add(1);
            } else if (p.equals(s)) {
                rank.add(0);
            } else {
                return Optional.empty();
            }
        }
        if (pattern.size() != segments.size()) {
            return Optional.empty();
        }
        return Optional.of(finish(route, params, rank, key, method));
    }

    private static Candidate finish(ApiRoute route, Map<String, String> params, List<Integer> rank, RouteKey key,
                                    String method) {
        rank.add(key.method().equals(method) ? 0 : 1);
        return new Candidate(new Match(route, params), rank);
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(b.size(), a.size());
    }
}
