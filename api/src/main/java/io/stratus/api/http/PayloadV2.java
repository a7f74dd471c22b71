package io.stratus.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the payload format 2.0 event that HTTP APIs and function URLs hand to a function (events.md §3). Field
 * order follows AWS's own events so that logged events read the same.
 */
public final class PayloadV2 {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * What differs between the gateways that send this event.
     *
     * @param routeKey       {@code $default} for function URLs, the matched route such as {@code GET /items/{id}}
     *                       for HTTP APIs
     * @param stage          the stage name; {@code $default} for function URLs
     * @param apiId          the API id, or the url-id of a function URL
     * @param accountId      the account that owns the API or function
     * @param requestId      the gateway's id for this request
     * @param pathParameters the route's path parameters; empty to omit the field (function URLs)
     * @param stageVariables the stage's variables; empty to omit the field
     * @param authorizer     {@code requestContext.authorizer}; empty to omit it
     */
    public record Target(String routeKey, String stage, String apiId, String accountId, String requestId,
                         Optional<Map<String, String>> pathParameters, Optional<Map<String, String>> stageVariables,
                         Optional<JsonNode> authorizer) {
    }

    private PayloadV2() {
    }

    /** The event for one request, as JSON bytes. */
    public static byte[] bytes(HttpExchange exchange, Target target) {
        return WireJson.bytes(event(exchange, target));
    }

    /** The event for one request. */
    public static ObjectNode event(HttpExchange exchange, Target target) {
        ObjectNode event = WireJson.object();
        event.put("version", "2.0");
        event.put("routeKey", target.routeKey());
        event.put("rawPath", exchange.rawPath());
        event.put("rawQueryString", exchange.rawQueryString());
        if (!exchange.cookies().isEmpty()) {
            exchange.cookies().forEach(event.putArray("cookies")::add);
        }
        event.set("headers", joined(headers(exchange)));
        Map<String, String> query = queryStringParameters(exchange.rawQueryString());
        if (!query.isEmpty()) {
            event.set("queryStringParameters", joined(query));
        }
        event.set("requestContext", requestContext(exchange, target));
        boolean binary = exchange.body().length > 0 && !isText(exchange.header("content-type"));
        if (exchange.body().length > 0) {
            event.put("body", binary ? java.util.Base64.getEncoder().encodeToString(exchange.body())
                    : new String(exchange.body(), StandardCharsets.UTF_8));
        }
        target.pathParameters().ifPresent(p -> event.set("pathParameters", joined(p)));
        event.put("isBase64Encoded", binary);
        target.stageVariables().ifPresent(v -> event.set("stageVariables", joined(v)));
        return event;
    }

    private static ObjectNode requestContext(HttpExchange exchange, Target target) {
        ObjectNode context = WireJson.object();
        context.put("accountId", target.accountId());
        context.put("apiId", target.apiId());
        target.authorizer().ifPresent(a -> context.set("authorizer", a));
        context.put("domainName", exchange.domainName());
        int dot = exchange.domainName().indexOf('.');
        context.put("domainPrefix", dot > 0 ? exchange.domainName().substring(0, dot) : exchange.domainName());
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.method());
        http.put("path", exchange.rawPath());
        http.put("protocol", exchange.protocol());
        http.put("sourceIp", exchange.sourceIp());
        http.put("userAgent", exchange.userAgent());
        context.put("requestId", target.requestId());
        context.put("routeKey", target.routeKey());
        context.put("stage", target.stage());
        context.put("time", REQUEST_TIME.format(exchange.requestTime()));
        context.put("timeEpoch", exchange.requestTime().toEpochMilli());
        return context;
    }

    /** Header values by lower-case name, repeats joined with commas in arrival order. */
    static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HeaderField field : exchange.headers()) {
            headers.merge(field.name().toLowerCase(Locale.ROOT), field.value(), (a, b) -> a + "," + b);
        }
        return headers;
    }

    /** Decoded query parameters, repeated keys joined with commas in order; empty for an empty query string. */
    static Map<String, String> queryStringParameters(String rawQueryString) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQueryString.isEmpty()) {
            return params;
        }
        for (String pair : rawQueryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    /**
     * Whether a body of this content type reaches the function as text; everything else is base64-encoded, as is a
     * body without a content type, because nothing says it is text.
     */
    static boolean isText(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return false;
        }
        String type = contentType.get().toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return media.startsWith("text/") || TEXT_TYPES.contains(media) || media.endsWith("+json")
                || media.endsWith("+xml");
    }

    private static final List<String> TEXT_TYPES = List.of("application/json", "application/xml",
            "application/javascript", "application/ecmascript", "application/x-javascript",
            "application/x-www-form-urlencoded");

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static ObjectNode joined(Map<String, String> values) {
        ObjectNode node = WireJson.object();
        values.forEach(node::put);
        return node;
    }
}
