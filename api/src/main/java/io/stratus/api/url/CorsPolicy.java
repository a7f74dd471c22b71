package io.stratus.api.url;

import io.stratus.api.http.HttpAnswer;
import io.stratus.api.http.HttpExchange;
import java.util.List;
import java.util.Optional;

/**
 * Applies a URL's CORS settings, as the function-URL front end does: it answers preflight requests itself, without
 * invoking the function, and adds the configured {@code Access-Control-*} headers to actual responses of allowed
 * origins, replacing any the function set.
 */
final class CorsPolicy {

    private final Cors cors;

    CorsPolicy(Cors cors) {
        this.cors = cors;
    }

    /** A preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    static boolean isPreflight(HttpExchange exchange) {
        return exchange.method().equals("OPTIONS") && exchange.header("Origin").isPresent()
                && exchange.header("Access-Control-Request-Method").isPresent();
    }

    /** The answer to a preflight: 200, with the grants when the origin is allowed, without them otherwise. */
    HttpAnswer preflight(HttpExchange exchange) {
        HttpAnswer answer = new HttpAnswer(200, List.of(), new byte[0]);
        Optional<String> origin = allowedOrigin(exchange);
        if (origin.isEmpty()) {
            return answer;
        }
        answer = answer.withHeader("Access-Control-Allow-Origin", origin.get());
        answer = joined(answer, "Access-Control-Allow-Methods", cors.allowMethods());
        answer = joined(answer, "Access-Control-Allow-Headers", cors.allowHeaders());
        if (cors.maxAgeSeconds().isPresent()) {
            answer = answer.withHeader("Access-Control-Max-Age", cors.maxAgeSeconds().get().toString());
        }
        return credentials(answer);
    }

    /** An actual response with the grants for the request's origin, when it is allowed. */
    HttpAnswer decorate(HttpExchange exchange, HttpAnswer answer) {
        Optional<String> origin = allowedOrigin(exchange);
        if (origin.isEmpty()) {
            return answer;
        }
        answer = answer.withHeader("Access-Control-Allow-Origin", origin.get());
        answer = joined(answer, "Access-Control-Expose-Headers", cors.exposeHeaders());
        return credentials(answer);
    }

    /**
     * The value of {@code Access-Control-Allow-Origin} for this request: {@code *} when any origin is allowed and
     * credentials are not (browsers refuse {@code *} with credentials, so then the origin is echoed), the origin
     * itself when it is listed, nothing otherwise.
     */
    private Optional<String> allowedOrigin(HttpExchange exchange) {
        Optional<String> origin = exchange.header("Origin");
        List<String> allowed = cors.allowOrigins().orElse(List.of());
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        if (allowed.contains("*")) {
            return Optional.of(cors.allowCredentials().orElse(false) ? origin.get() : "*");
        }
        return allowed.stream().filter(o -> o.equalsIgnoreCase(origin.get())).findFirst().map(o -> origin.get());
    }

    private HttpAnswer credentials(HttpAnswer answer) {
        return cors.allowCredentials().orElse(false)
                ? answer.withHeader("Access-Control-Allow-Credentials", "true") : answer;
    }

    private static HttpAnswer joined(HttpAnswer answer, String header, Optional<List<String>> values) {
        return values.filter(v -> !v.isEmpty()).map(v -> answer.withHeader(header, String.join(",", v)))
                .orElse(answer);
    }
}
