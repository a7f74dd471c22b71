package io.stratus.runtime.java;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response read from the Runtime API.
 *
 * @param status the HTTP status code
 * @param headers header values by lower-case name (the last one wins when a name repeats)
 * @param body the decoded body (de-chunked if it was chunked); empty when there was none
 */
record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    /** The header's value, or {@code null} when it is absent or empty. */
    String header(String lowerCaseName) {
        String value = headers.get(lowerCaseName);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The body as text, for error messages. */
    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
