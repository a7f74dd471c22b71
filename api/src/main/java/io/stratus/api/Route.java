package io.stratus.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation's address: method plus a path template such as {@code /2015-03-31/functions/{FunctionName}},
 * the largest body it accepts and the code that serves it. Immutable.
 *
 * @param method       HTTP method
 * @param template     path template; {@code {Name}} matches one non-empty segment
 * @param operation    AWS operation name, used in size-limit messages and logs
 * @param maxBodyBytes largest request body accepted
 * @param handler      serves the request
 */
public record Route(String method, String template, String operation, long maxBodyBytes, Operation handler) {

    /** Default body limit for control-plane operations without code in the body. */
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;

    /** Serves one request. May throw any {@link io.stratus.model.error.AwsException}. */
    @FunctionalInterface
    public interface Operation {
        ApiResponse handle(ApiRequest request);
    }

    List<String> segments() {
        return Paths.segments(template);
    }

    /** Decoded path parameters when {@code segments} (already decoded) fit this template. */
    Optional<Map<String, String>> match(List<String> decodedSegments) {
        List<String> mine = segments();
        if (mine.size() != decodedSegments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new java.util.HashMap<>();
        for (int i = 0; i < mine.size(); i++) {
            String t = mine.get(i);
            String s = decodedSegments.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (s.isEmpty()) {
                    return Optional.empty();
                }
                params.put(t.substring(1, t.length() - 1), s);
            } else if (!t.equals(s)) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(params));
    }
}
