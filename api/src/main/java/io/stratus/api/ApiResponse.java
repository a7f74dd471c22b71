package io.stratus.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operation answers: status, extra headers and body bytes. Immutable.
 *
 * @param status      HTTP status
 * @param contentType body media type, empty string for no body
 * @param headers     extra headers
 * @param body        body bytes
 */
public record ApiResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON response. */
    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, "application/json", Map.of(), WireJson.bytes(value));
    }

    /** An empty response, such as 204. */
    public static ApiResponse empty(int status) {
        return new ApiResponse(status, "", Map.of(), new byte[0]);
    }

    /** Raw bytes of a given type. */
    public static ApiResponse bytes(int status, String contentType, byte[] body) {
        return new ApiResponse(status, contentType, Map.of(), body);
    }

    /** A copy with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, more, body);
    }

    /** The body as text, for logs and tests. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
