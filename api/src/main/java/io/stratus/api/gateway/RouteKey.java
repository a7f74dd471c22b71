package io.stratus.api.gateway;

import io.stratus.model.gateway.ApiRoute;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed route key: {@code $default}, or a method ({@code ANY} for all) and a path whose segments are literals,
 * {@code {param}} or, last only, a greedy {@code {param+}}. Immutable.
 *
 * @param method   upper-case method, {@code ANY}, or empty for {@code $default}
 * @param segments path segments without slashes; empty for {@code /} and {@code $default}
 */
record RouteKey(String method, List<String> segments) {

    static final String ANY = "ANY";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            ANY);
    private static final Pattern PARAM = Pattern.compile("\\{[A-Za-z0-9._-]+\\+?}");
    private static final Pattern LITERAL = Pattern.compile("[^{}/\\s]+");

    RouteKey {
        segments = List.copyOf(segments);
    }

    /**
     * Parses and validates a route key as CreateRoute receives it.
     *
     * @throws io.stratus.model.error.ServiceError BadRequestException naming the key when it is not valid
     */
    static RouteKey parse(String key) {
        if (key.equals(ApiRoute.DEFAULT_KEY)) {
            return new RouteKey("", List.of());
        }
        int space = key.indexOf(' ');
        if (space < 0 || !METHODS.contains(key.substring(0, space)) || !key.startsWith("/", space + 1)) {
            throw invalid(key, "a route key is $default or an HTTP method and a path, such as 'GET /pets/{id}'");
        }
        String path = key.substring(space + 1);
        List<String> segments = path.equals("/") ? List.of() : List.of(path.substring(1).split("/", -1));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (PARAM.matcher(s).matches()) {
                if (s.endsWith("+}") && i < segments.size() - 1) {
                    throw invalid(key, "a greedy path variable such as {proxy+} may only be the last path part");
                }
                if (!names.add(paramName(s))) {
                    throw invalid(key, "path variable " + s + " is repeated");
                }
            } else if (!LITERAL.matcher(s).matches()) {
                throw invalid(key, "path part '" + s + "' is not a literal or a {variable}");
            }
        }
        return new RouteKey(key.substring(0, space), segments);
    }

    boolean isDefault() {
        return method.isEmpty();
    }

    static boolean isParam(String segment) {
        return segment.startsWith("{");
    }

    static boolean isGreedy(String segment) {
        return segment.endsWith("+}");
    }

    /** The variable's name without braces and plus sign. */
    static String paramName(String segment) {
        return segment.substring(1, segment.length() - (isGreedy(segment) ? 2 : 1));
    }

    private static RuntimeException invalid(String key, String why) {
        return GatewayErrors.badRequest("Invalid route key: '" + key + "': " + why + ".");
    }
}
