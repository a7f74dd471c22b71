package io.stratus.api.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.error.ServiceError;
import io.stratus.model.gateway.ApiRoute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {

    private static List<ApiRoute> routes(String... keys) {
        List<ApiRoute> routes = new ArrayList<>();
        for (String key : keys) {
            routes.add(new ApiRoute("api", "r" + routes.size(), key, Optional.empty(), "NONE", false,
                    Optional.empty(), false));
        }
        return routes;
    }

    private static Optional<RouteMatcher.Match> match(List<ApiRoute> routes, String method, String path) {
        List<String> segments = path.equals("/") ? List.of() : Arrays.asList(path.substring(1).split("/", -1));
        return RouteMatcher.match(routes, method, segments);
    }

    private static String keyFor(List<ApiRoute> routes, String method, String path) {
        return match(routes, method, path).map(m -> m.route().routeKey()).orElse("none");
    }

    @Test
    void literalBeatsVariableBeatsGreedyAndExactMethodBeatsAny() {
        // registration order must not matter: the least specific routes come first
        List<ApiRoute> routes = routes("$default", "ANY /{proxy+}", "ANY /a/{x}", "GET /a/{x}", "GET /a/b", "GET /");

        assertThat(keyFor(routes, "GET", "/a/b")).isEqualTo("GET /a/b");
        assertThat(keyFor(routes, "GET", "/a/c")).isEqualTo("GET /a/{x}");
        assertThat(keyFor(routes, "POST", "/a/c")).isEqualTo("ANY /a/{x}");
        assertThat(keyFor(routes, "POST", "/a/b")).isEqualTo("ANY /a/{x}");
        assertThat(keyFor(routes, "GET", "/a/b/c")).isEqualTo("ANY /{proxy+}");
        assertThat(keyFor(routes, "GET", "/")).isEqualTo("GET /");
        assertThat(keyFor(routes, "POST", "/")).isEqualTo("$default");
    }

    @Test
    void capturesPathParametersAndGreedyRemainder() {
        List<ApiRoute> routes = routes("GET /users/{id}/files/{path+}");

        RouteMatcher.Match m = match(routes, "GET", "/users/7/files/a/b.txt").orElseThrow();
        assertThat(m.pathParameters()).isEqualTo(Map.of("id", "7", "path", "a/b.txt"));
        assertThat(match(routes, "GET", "/users/7/files")).isEmpty();
        assertThat(match(routes, "GET", "/users//files/x")).isEmpty();
    }

    @Test
    void noMatchWithoutDefaultRoute() {
        assertThat(match(routes("GET /a"), "GET", "/b")).isEmpty();
        assertThat(match(routes("GET /a"), "GET", "/a/b")).isEmpty();
        assertThat(match(routes(), "GET", "/")).isEmpty();
    }

    @Test
    void routeKeyValidation() {
        for (String good : List.of("$default", "GET /", "ANY /{proxy+}", "OPTIONS /a/{b}/c.d", "HEAD /x_y-z~")) {
            RouteKey.parse(good);
        }
        for (String bad : List.of("", "GET", "GET  /a", "get /a", "GET a", "GET /{p+}/x", "GET /a/", "GET /{}",
                "GET /{a}/{a}", "GET /a{b}", "$DEFAULT")) {
            assertThatThrownBy(() -> RouteKey.parse(bad)).as(bad).isInstanceOfSatisfying(ServiceError.class, e -> {
                assertThat(e.errorType()).isEqualTo("BadRequestException");
                assertThat(e.httpStatus()).isEqualTo(400);
            });
        }
    }
}
