package io.stratus.api;

import io.stratus.model.error.InvalidRequestContentException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API request after routing: decoded path parameters, query parameters (repeatable), headers and the body,
 * already read within the route's size limit. Immutable.
 *
 * @param requestId  the id sent back in {@code x-amzn-RequestId}
 * @param method     HTTP method
 * @param pathParams decoded path parameters by name
 * @param query      query parameters, each with all its values in order
 * @param headers    request headers by lower-case name (first value)
 * @param body       the body bytes; empty when none was sent
 * @param baseUrl    scheme, host and port the client used, for URLs handed back to it
 */
public record ApiRequest(String requestId, String method, Map<String, String> pathParams,
                         Map<String, List<String>> query, Map<String, String> headers, byte[] body, String baseUrl) {

    /** A path parameter the route declares. */
    public String path(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route declares no path parameter " + name);
        }
        return value;
    }

    /** The first value of a query parameter, if present. */
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** All values of a repeatable query parameter. */
    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** A header by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The body parsed as a JSON object; an empty body is {@code {}} as AWS treats it. */
    public JsonBody json() {
        return JsonBody.parse(body);
    }
}
