package io.stratus.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the payload format 1.0 event an HTTP API hands to a function when its integration asks for 1.0 (events.md
 * §2): single- and multi-value maps of headers and query parameters, {@code null} where there is nothing, and a
 * REST-API-style {@code requestContext}. As HTTP APIs do, header names arrive lower-cased and cookies stay in the
 * {@code cookie} header (1.0 has no {@code cookies} field); a single-value map holds the last value of a repeated
 * name.
 */
public final class PayloadV1 {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * What the HTTP API adds to the request.
     *
     * @param routeKey       the matched route, such as {@code GET /items/{id}} or {@code $default}
     * @param stage          the stage name
     * @param apiId          the API id
     * @param accountId      the owning account
     * @param requestId      the gateway's id for this request
     * @param pathParameters the route's path parameters; empty for {@code null}
     * @param stageVariables the stage's variables; empty for {@code null}
     */
    public record Target(String routeKey, String stage, String apiId, String accountId, String requestId,
                         Map<String, String> pathParameters, Map<String, String> stageVariables) {

        /** The route's path ({@code /items/{id}}), or the route key itself for {@code $default}. */
        String resource() {
            int space = routeKey.indexOf(' ');
            return space < 0 ? routeKey : routeKey.substring(space + 1);
        }
    }

    private PayloadV1() {
    }

    /** The event for one request, as JSON bytes. */
    public static byte[] bytes(HttpExchange exchange, Target target) {
        return WireJson.bytes(event(exchange, target));
    }

    /** The event for one request. */
    public static ObjectNode event(HttpExchange exchange, Target target) {
        ObjectNode event = WireJson.object();
        event.put("version", "1.0");
        event.put("resource", target.resource());
        event.put("path", exchange.rawPath());
        event.put("httpMethod", exchange.method());
        Map<String, List<String>> headers = headers(exchange);
        Map<String, List<String>> query = queryValues(exchange.rawQueryString());
        event.set("headers", lastValues(headers));
        event.set("multiValueHeaders", allValues(headers));
        event.set("queryStringParameters", lastValues(query));
        event.set("multiValueQueryStringParameters", allValues(query));
        event.set("requestContext", requestContext(exchange, target));
        event.set("pathParameters", orNull(target.pathParameters()));
        event.set("stageVariables", orNull(target.stageVariables()));
        boolean binary = exchange.body().length > 0 && !PayloadV2.isText(exchange.header("content-type"));
        if (exchange.body().length == 0) {
            event.putNull("body");
        } else {
            event.put("body", binary ? Base64.getEncoder().encodeToString(exchange.body())
                    : new String(exchange.body(), StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", binary);
        return event;
    }

    private static ObjectNode requestContext(HttpExchange exchange, Target target) {
        ObjectNode context = WireJson.object();
        context.put("accountId", target.accountId());
        context.put("apiId", target.apiId());
        context.put("domainName", exchange.domainName());
        int dot = exchange.domainName().indexOf('.');
        context.put("domainPrefix", dot > 0 ? exchange.domainName().substring(0, dot) : exchange.domainName());
        context.put("extendedRequestId", target.requestId());
        context.put("httpMethod", exchange.method());
        ObjectNode identity = context.putObject("identity");
        for (String absent : List.of("accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
                "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId")) {
            identity.putNull(absent);
        }
        identity.put("sourceIp", exchange.sourceIp());
        identity.putNull("user");
        identity.put("userAgent", exchange.userAgent());
        identity.putNull("userArn");
        context.put("path", exchange.rawPath());
        context.put("protocol", exchange.protocol());
        context.put("requestId", target.requestId());
        context.put("requestTime", REQUEST_TIME.format(exchange.requestTime()));
        context.put("requestTimeEpoch", exchange.requestTime().toEpochMilli());
        context.put("resourceId", target.routeKey());
        context.put("resourcePath", target.resource());
        context.put("stage", target.stage());
        return context;
    }

    /** Header values by lower-case name in arrival order; cookies go back into one {@code cookie} header. */
    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderField field : exchange.headers()) {
            headers.computeIfAbsent(field.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(field.value());
        }
        if (!exchange.cookies().isEmpty()) {
            headers.put("cookie", List.of(String.join("; ", exchange.cookies())));
        }
        return headers;
    }

    /** Decoded query parameters with every value of a repeated key, in order. */
    static Map<String, List<String>> queryValues(String rawQueryString) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQueryString.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                params.computeIfAbsent(key, k -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode lastValues(Map<String, List<String>> values) {
        if (values.isEmpty()) {
            return WireJson.MAPPER.nullNode();
        }
        ObjectNode node = WireJson.object();
        values.forEach((name, all) -> node.put(name, all.get(all.size() - 1)));
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode allValues(Map<String, List<String>> values) {
        if (values.isEmpty()) {
            return WireJson.MAPPER.nullNode();
        }
        ObjectNode node = WireJson.object();
        values.forEach((name, all) -> all.forEach(node.putArray(name)::add));
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode orNull(Map<String, String> values) {
        if (values.isEmpty()) {
            return WireJson.MAPPER.nullNode();
        }
        ObjectNode node = WireJson.object();
        values.forEach(node::put);
        return node;
    }
}
