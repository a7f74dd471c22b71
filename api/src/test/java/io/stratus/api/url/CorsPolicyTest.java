package io.stratus.api.url;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.api.http.HeaderField;
import io.stratus.api.http.HttpAnswer;
import io.stratus.api.http.HttpExchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    private static HttpExchange request(String method, String... headerPairs) {
        List<HeaderField> headers = new ArrayList<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(new HeaderField(headerPairs[i], headerPairs[i + 1]));
        }
        return new HttpExchange(method, "/", "", headers, List.of(), new byte[0], "127.0.0.1", "", "localhost",
                "HTTP/1.1", Instant.EPOCH);
    }

    private static Cors anyOrigin(boolean credentials) {
        return new Cors(Optional.of(credentials), Optional.empty(), Optional.of(List.of("*")),
                Optional.of(List.of("*")), Optional.empty(), Optional.empty());
    }

    @Test
    void onlyOptionsWithOriginAndRequestMethodIsAPreflight() {
        assertThat(CorsPolicy.isPreflight(request("OPTIONS", "Origin", "https://a", "Access-Control-Request-Method",
                "GET"))).isTrue();
        assertThat(CorsPolicy.isPreflight(request("OPTIONS", "Origin", "https://a"))).isFalse();
        assertThat(CorsPolicy.isPreflight(request("GET", "Origin", "https://a", "Access-Control-Request-Method",
                "GET"))).isFalse();
    }

    @Test
    void wildcardOriginsAnswerStarUnlessCredentialsAreAllowed() {
        HttpExchange fromA = request("GET", "Origin", "https://a.example");
        HttpAnswer plain = new HttpAnswer(200, List.of(), new byte[0]);

        assertThat(new CorsPolicy(anyOrigin(false)).decorate(fromA, plain).header("Access-Control-Allow-Origin"))
                .contains("*");
        assertThat(new CorsPolicy(anyOrigin(true)).decorate(fromA, plain).header("Access-Control-Allow-Origin"))
                .contains("https://a.example");
    }

    @Test
    void requestsWithoutOriginGetNoGrants() {
        HttpAnswer plain = new HttpAnswer(200, List.of(new HeaderField("Access-Control-Allow-Origin", "x")),
                new byte[0]);
        assertThat(new CorsPolicy(anyOrigin(false)).decorate(request("GET"), plain)).isEqualTo(plain);
    }
}
