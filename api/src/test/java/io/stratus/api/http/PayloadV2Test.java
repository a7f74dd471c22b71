package io.stratus.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadV2Test {

    private static final PayloadV2.Target URL_TARGET = new PayloadV2.Target("$default", "$default", "abc123",
            "000000000000", "req-1", Optional.empty(), Optional.empty(), Optional.empty());

    private static HttpExchange exchange(String query, List<HeaderField> headers, List<String> cookies, byte[] body) {
        return new HttpExchange("POST", "/my/path", query, headers, cookies, body, "203.0.113.7", "curl/8.0",
                "abc123.lambda-url.localhost", "HTTP/1.1", Instant.parse("2020-03-12T19:03:58.390Z"));
    }

    @Test
    void buildsEveryFieldOfAFunctionUrlEvent() {
        ObjectNode event = PayloadV2.event(exchange("a=1&a=2&b=x",
                List.of(new HeaderField("Content-Type", "application/json"), new HeaderField("X-Multi", "v1"),
                        new HeaderField("x-multi", "v2")),
                List.of("c1=v1", "c2=v2"), "{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8)), URL_TARGET);

        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("$default");
        assertThat(event.path("rawPath").asText()).isEqualTo("/my/path");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"c1=v1\",\"c2=v2\"]");
        assertThat(event.path("headers").toString())
                .isEqualTo("{\"content-type\":\"application/json\",\"x-multi\":\"v1,v2\"}");
        assertThat(event.path("queryStringParameters").toString()).isEqualTo("{\"a\":\"1,2\",\"b\":\"x\"}");
        assertThat(event.path("body").asText()).isEqualTo("{\"k\":\"v\"}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.has("pathParameters")).isFalse();
        assertThat(event.has("stageVariables")).isFalse();
        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.path("apiId").asText()).isEqualTo("abc123");
        assertThat(context.path("domainName").asText()).isEqualTo("abc123.lambda-url.localhost");
        assertThat(context.path("domainPrefix").asText()).isEqualTo("abc123");
        assertThat(context.path("http").toString()).isEqualTo("{\"method\":\"POST\",\"path\":\"/my/path\","
                + "\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"203.0.113.7\",\"userAgent\":\"curl/8.0\"}");
        assertThat(context.path("requestId").asText()).isEqualTo("req-1");
        assertThat(context.path("routeKey").asText()).isEqualTo("$default");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("time").asText()).isEqualTo("12/Mar/2020:19:03:58 +0000");
        assertThat(context.path("timeEpoch").asLong()).isEqualTo(1584039838390L);
        assertThat(context.has("authorizer")).isFalse();
    }

    @Test
    void omitsCookiesQueryAndBodyWhenAbsent() {
        ObjectNode event = PayloadV2.event(exchange("", List.of(), List.of(), new byte[0]), URL_TARGET);

        assertThat(event.has("cookies")).isFalse();
        assertThat(event.has("queryStringParameters")).isFalse();
        assertThat(event.has("body")).isFalse();
        assertThat(event.path("rawQueryString").asText()).isEmpty();
        assertThat(event.path("headers").isObject()).isTrue();
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void encodesBinaryBodiesInBase64() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        ObjectNode event = PayloadV2.event(exchange("", List.of(new HeaderField("content-type", "image/png")),
                List.of(), png), URL_TARGET);

        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(png);
    }

    @Test
    void decodesQueryValuesButKeepsTheRawString() {
        assertThat(PayloadV2.queryStringParameters("q=a%20b&multi=foo&multi=%2Fbar&flag"))
                .containsExactly(Map.entry("q", "a b"), Map.entry("multi", "foo,/bar"), Map.entry("flag", ""));
    }

    @Test
    void textTypesStayText() {
        assertThat(PayloadV2.isText(Optional.of("text/plain; charset=utf-8"))).isTrue();
        assertThat(PayloadV2.isText(Optional.of("application/vnd.api+json"))).isTrue();
        assertThat(PayloadV2.isText(Optional.of("application/x-www-form-urlencoded"))).isTrue();
        assertThat(PayloadV2.isText(Optional.of("application/octet-stream"))).isFalse();
        assertThat(PayloadV2.isText(Optional.of("multipart/form-data; boundary=x"))).isFalse();
        assertThat(PayloadV2.isText(Optional.empty())).isFalse();
    }

    @Test
    void passesPathParametersStageVariablesAndAuthorizerForHttpApis() {
        PayloadV2.Target api = new PayloadV2.Target("GET /items/{id}", "prod", "api1", "000000000000", "r",
                Optional.of(Map.of("id", "7")), Optional.of(Map.of("v", "1")),
                Optional.of(WireJson.object().set("lambda", WireJson.object().put("user", "u"))));
        ObjectNode event = PayloadV2.event(exchange("", List.of(), List.of(), new byte[0]), api);

        assertThat(event.path("routeKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(event.path("pathParameters").toString()).isEqualTo("{\"id\":\"7\"}");
        assertThat(event.path("stageVariables").toString()).isEqualTo("{\"v\":\"1\"}");
        assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("prod");
        assertThat(event.path("requestContext").path("authorizer").toString())
                .isEqualTo("{\"lambda\":{\"user\":\"u\"}}");
    }
}
