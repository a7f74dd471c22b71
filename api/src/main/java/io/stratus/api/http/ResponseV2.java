package io.stratus.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns what a function returned into the HTTP response, as function URLs and HTTP APIs do for payload format 2.0
 * (events.md §3):
 * <ul>
 *   <li>an object with {@code statusCode}: that status, its {@code headers} and {@code multiValueHeaders}, one
 *       {@code Set-Cookie} per {@code cookies} entry, and {@code body} (base64-decoded when
 *       {@code isBase64Encoded});</li>
 *   <li>any other JSON value: status 200, {@code content-type: application/json}, and the value as body — a string
 *       without its quotes (AWS recordings: a returned {@code "hello"} answers {@code hello}), anything else as the
 *       JSON text the function returned.</li>
 * </ul>
 * A response without a content type gets {@code application/json}, as AWS answers.
 */
public final class ResponseV2 {

    /** The function's result cannot be mapped to HTTP; gateways answer it as a bad gateway. */
    public static final class MalformedResponseException extends Exception {
        MalformedResponseException(String message) {
            super(message);
        }
    }

    private ResponseV2() {
    }

    /**
     * The HTTP answer for a successful function result.
     *
     * @throws MalformedResponseException when the payload is not JSON or its {@code statusCode}/{@code body} are
     *                                    unusable
     */
    public static HttpAnswer of(byte[] payload) throws MalformedResponseException {
        JsonNode result;
        try {
            result = payload.length == 0 ? WireJson.MAPPER.nullNode() : WireJson.MAPPER.readTree(payload);
        } catch (java.io.IOException e) {
            throw new MalformedResponseException("The function's response is not JSON: " + e.getMessage());
        }
        if (result == null || result.isMissingNode()) {
            result = WireJson.MAPPER.nullNode();
        }
        if (result.isObject() && result.has("statusCode")) {
            return structured(result);
        }
        byte[] body = result.isTextual() ? result.textValue().getBytes(StandardCharsets.UTF_8) : compact(result);
        return new HttpAnswer(200, List.of(new HeaderField("Content-Type", "application/json")), body);
    }

    private static HttpAnswer structured(JsonNode result) throws MalformedResponseException {
        JsonNode status = result.get("statusCode");
        int code;
        if (status.isIntegralNumber() && status.canConvertToInt()) {
            code = status.intValue();
        } else if (status.isTextual() && status.textValue().matches("\\d{3}")) {
            code = Integer.parseInt(status.textValue());
        } else {
            throw new MalformedResponseException("The function returned an invalid statusCode: " + status);
        }
        if (code < 100 || code > 599) {
            throw new MalformedResponseException("The function returned an invalid statusCode: " + status);
        }
        List<HeaderField> headers = new ArrayList<>();
        JsonNode single = result.path("headers");
        for (Map.Entry<String, JsonNode> e : single.properties()) {
            if (!e.getValue().isNull()) {
                headers.add(new HeaderField(e.getKey(), text(e.getValue())));
            }
        }
        for (Map.Entry<String, JsonNode> e : result.path("multiValueHeaders").properties()) {
            for (JsonNode value : e.getValue()) {
                headers.add(new HeaderField(e.getKey(), text(value)));
            }
        }
        for (JsonNode cookie : result.path("cookies")) {
            headers.add(new HeaderField("Set-Cookie", text(cookie)));
        }
        if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
            headers.add(new HeaderField("Content-Type", "application/json"));
        }
        return new HttpAnswer(code, headers, body(result));
    }

    private static byte[] body(JsonNode result) throws MalformedResponseException {
        JsonNode body = result.path("body");
        if (body.isMissingNode() || body.isNull()) {
            return new byte[0];
        }
        if (!body.isTextual()) {
            return compact(body);
        }
        if (result.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body.textValue().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException("The function's body is not valid base64");
            }
        }
        return body.textValue().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static byte[] compact(JsonNode value) {
        try {
            return WireJson.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }
}
