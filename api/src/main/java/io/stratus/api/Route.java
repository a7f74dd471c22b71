package io.stratus.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

        /** Starts serving; the answer may come later, from another thread. */
        default CompletionStage<ApiResponse> start(ApiRequest request) {
            return CompletableFuture.completedFuture(handle(request));
        }
    }

    /**
     * An operation whose answer comes later without holding the calling thread (an invocation answered from the
     * thread that receives the function's result). It may throw, or complete exceptionally with, any
     * {@link io.stratus.model.error.AwsException}.
     */
    @FunctionalInterface
    public interface DeferredOperation extends Operation {
        @Override
        CompletionStage<ApiResponse> start(ApiRequest request);

        @Override
        default ApiResponse handle(ApiRequest request) {
            return start(request).toCompletableFuture().join();
        }
    }

    /** The template's segments; the router computes them once, at registration. */
    List<String> segments() {
        return Paths.segments(template);
    }

    /**
     * Decoded path parameters when {@code decodedSegments} fit this route's template, given as {@code mine}
     * (its {@link #segments()}, computed once by the router).
     */
    Optional<Map<String, String>> match(List<String> mine, List<String> decodedSegments) {
        if (mine.size() != decodedSegments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = null;
        for (int i = 0; i < mine.size(); i++) {
            String t = mine.get(i);
            String s = decodedSegments.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (s.isEmpty()) {
                    return Optional.empty();
                }
                if (params == null) {
                    params = new java.util.HashMap<>();
                }
                params.put(t.substring(1, t.length() - 1), s);
            } else if (!t.equals(s)) {
                return Optional.empty();
            }
        }
        return Optional.of(params == null ? Map.of() : Map.copyOf(params));
    }
}
