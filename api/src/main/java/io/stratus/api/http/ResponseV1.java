package io.stratus.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.WireJson;
import io.stratus.api.http.ResponseV2.MalformedResponseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a function's payload format 1.0 result into HTTP (events.md §2): a JSON object whose {@code statusCode} is
 * required (a number, or a string of digits), {@code headers} (one value each) and {@code multiValueHeaders}
 * (lists), {@code body} a string, base64-decoded when {@code isBase64Encoded}. A name in both header maps is sent
 * with the list's values first and then the single value, as API Gateway was recorded doing (events.md says the
 * list wins; the recording outranks it). Anything else — not JSON, not an object, no or a bad status code, a body
 * that is not a string — is malformed, which gateways answer as 502.
 */
public final class ResponseV1 {

    private ResponseV1() {
    }

    /**
     * The HTTP answer for a successful function result.
     *
     * @throws MalformedResponseException when the result does not have the 1.0 response shape
     */
    public static HttpAnswer of(byte[] payload) throws MalformedResponseException {
        JsonNode result;
        try {
            result = WireJson.MAPPER.readTree(payload);
        } catch (java.io.IOException e) {
            throw new MalformedResponseException("The function's response is not JSON: " + e.getMessage());
        }
        if (result == null || !result.isObject()) {
            throw new MalformedResponseException("The function's response is not a JSON object");
        }
        return new HttpAnswer(status(result.path("statusCode")), headers(result), body(result));
    }

    private static int status(JsonNode status) throws MalformedResponseException {
        int code = status.isIntegralNumber() && status.canConvertToInt() ? status.intValue()
                : status.isTextual() && status.textValue().matches("\\d{3}") ? Integer.parseInt(status.textValue())
                : -1;
        if (code < 100 || code > 599) {
            throw new MalformedResponseException("The function's response has no valid statusCode: " + status);
        }
        return code;
    }

    private static List<HeaderField> headers(JsonNode result) throws MalformedResponseException {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        Map<String, String> casing = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(result, "multiValueHeaders")) {
            if (!e.getValue().isArray()) {
                throw new MalformedResponseException("multiValueHeaders." + e.getKey() + " is not a list");
            }
            for (JsonNode v : e.getValue()) {
                add(byName, casing, e.getKey(), scalar(v));
            }
        }
        for (Map.Entry<String, JsonNode> e : fields(result, "headers")) {
            if (!e.getValue().isNull()) {
                add(byName, casing, e.getKey(), scalar(e.getValue()));
            }
        }
        List<HeaderField> lines = new ArrayList<>();
        byName.forEach((lower, values) -> values.forEach(v -> lines.add(new HeaderField(casing.get(lower), v))));
        return lines;
    }

    private static void add(Map<String, List<String>> byName, Map<String, String> casing, String name,
                            String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        byName.computeIfAbsent(lower, k -> new ArrayList<>()).add(value);
        casing.putIfAbsent(lower, name);
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode result, String member)
            throws MalformedResponseException {
        JsonNode node = result.path(member);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new MalformedResponseException(member + " is not an object");
        }
        return node.properties();
    }

    private static String scalar(JsonNode value) throws MalformedResponseException {
        if (value.isContainerNode()) {
            throw new MalformedResponseException("a header value is not a string");
        }
        return value.asText();
    }

    private static byte[] body(JsonNode result) throws MalformedResponseException {
        JsonNode body = result.path("body");
        if (body.isMissingNode() || body.isNull()) {
            return new byte[0];
        }
        if (!body.isTextual()) {
            throw new MalformedResponseException("body is not a string");
        }
        if (result.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body.textValue().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException("body is not valid base64");
            }
        }
        return body.textValue().getBytes(StandardCharsets.UTF_8);
    }
}
