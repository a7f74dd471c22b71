package io.stratus.runtime.java;

import io.stratus.runtime.java.json.Json;
import io.stratus.runtime.java.json.JsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four Runtime API calls a runtime makes (spec §2), and a spare's wait for adoption, over one keep-alive
 * connection. Not thread-safe.
 *
 * <p>A rejected response or error post (4xx: unknown request id, payload too large, wrong state) is noted on
 * stderr and otherwise ignored, because the platform has already settled that invocation; a 5xx or any
 * non-200 answer to {@code next} is fatal and raised as {@link RuntimeApiException}.
 */
final class RuntimeApiClient {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type: ";
    /**
     * Fence n is written to stdout before the n-th post, which names it in {@code Stratus-Output-Fence}: once the
     * server has read fence n it has all the output that came before the post (its log lines), without watching
     * the pipe go quiet. Written to the process's own stdout, whatever {@code System.out} became.
     */
    private static final String OUTPUT_FENCE = "\0stratus:output-fence:";
    private static final java.io.FileOutputStream STDOUT = new java.io.FileOutputStream(java.io.FileDescriptor.out);

    private long fences;
    /** A next went out behind the last post: the connection owes the post's answer, then the event. */
    private boolean nextSent;

    private final HttpConnection http;

    RuntimeApiClient(HttpConnection http) {
        this.http = http;
    }

    /** Blocks until the next event. */
    Invocation next() throws IOException {
        HttpResponse response = nextSent ? pipelinedNext() : null;
        if (response == null) {
            response = http.exchange("GET", PREFIX + "invocation/next", null, null);
        }
        if (response.status() != 200) {
            throw new RuntimeApiException("GET invocation/next", response);
        }
        String requestId = response.header("lambda-runtime-aws-request-id");
        if (requestId == null) {
            throw new RuntimeApiException("GET invocation/next returned no Lambda-Runtime-Aws-Request-Id");
        }
        return new Invocation(requestId, parseDeadline(response.header("lambda-runtime-deadline-ms")),
                response.header("lambda-runtime-invoked-function-arn"), response.header("lambda-runtime-trace-id"),
                response.header("lambda-runtime-client-context"), response.header("lambda-runtime-cognito-identity"),
                response.header("lambda-runtime-aws-tenant-id"), response.body());
    }

    /**
     * The answers to the last post and to the next sent behind it; null when the connection ended before the
     * event came (the server closes it after refusing a body that is too large), so the next must be asked again.
     */
    private HttpResponse pipelinedNext() throws IOException {
        nextSent = false;
        HttpResponse posted = receiveUnlessEnded();
        if (posted == null) {
            return null;
        }
        checkPosted(posted);
        return http.isOpen() ? receiveUnlessEnded() : null;
    }

    /** The next answer on the connection; null when it ended before any byte of that answer arrived. */
    private HttpResponse receiveUnlessEnded() throws IOException {
        try {
            return http.receive();
        } catch (IOException e) {
            if (http.answerStarted()) {
                throw e;
            }
            return null;
        }
    }

    /**
     * Posts a handler's result with the next request behind it in the same write, so that the server answers both
     * at once when the next event comes; {@link #next()} reads both answers.
     */
    void respond(String requestId, byte[] body) throws IOException {
        post("invocation/" + segment(requestId) + "/response", null, body, true);
    }

    /** Posts a handler's failure; {@code last} when the runtime ends after it (no next goes with it). */
    void reportError(String requestId, ErrorReport report, boolean last) throws IOException {
        post("invocation/" + segment(requestId) + "/error", report.errorType(), report.json(), !last);
    }

    /** Posts a failure to load the handler; the caller exits afterwards. */
    void reportInitError(ErrorReport report) throws IOException {
        post("init/error", report.errorType(), report.json(), false);
    }

    private void post(String path, String errorType, byte[] body, boolean andNext) throws IOException {
        // Everything written before the post goes out ahead of its fence.
        InvocationLoop.flushOutput();
        long fence = ++fences;
        try {
            STDOUT.write((OUTPUT_FENCE + fence + "\0\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // A closed stdout loses only the fence: the server then waits a little before reading on.
        }
        String header = (errorType == null ? "" : ERROR_TYPE_HEADER + errorType + "\r\n")
                + "Stratus-Output-Fence: " + fence;
        if (andNext) {
            http.sendTwo("POST", PREFIX + path, header, body, "GET", PREFIX + "invocation/next");
            nextSent = true;
            return;
        }
        checkPosted(http.exchange("POST", PREFIX + path, header, body));
    }

    private static void checkPosted(HttpResponse response) throws RuntimeApiException {
        int status = response.status();
        if (status >= 500) {
            throw new RuntimeApiException("POST", response);
        }
        if (status != 202 && status != 200) {
            System.err.println("stratus-java-runtime: a post was answered HTTP " + status + ": "
                    + response.bodyText());
        }
    }

    /** Percent-encodes anything but unreserved characters; request ids are normally UUIDs and pass unchanged. */
    static String segment(String id) {
        StringBuilder encoded = null;
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean unreserved = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_' || b == '.' || b == '~';
            if (!unreserved && encoded == null) {
                encoded = new StringBuilder(new String(bytes, 0, i, StandardCharsets.US_ASCII));
            }
            if (encoded != null) {
                encoded.append(unreserved ? Character.toString(b) : String.format("%%%02X", b));
            }
        }
        return encoded == null ? id : encoded.toString();
    }

    private static long parseDeadline(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A pre-started runtime's wait for its function (Stratus's own call, not Lambda's): blocks until a function's
     * first sandbox adopts this runtime.
     *
     * @return the function's whole environment
     * @throws RuntimeApiException if the platform answers anything but an object of strings (it does when the
     *     spare is shut down unadopted)
     */
    Map<String, String> adopt() throws IOException {
        HttpResponse response = http.exchange("GET", PREFIX + "stratus/adopt", null, null);
        if (response.status() != 200) {
            throw new RuntimeApiException("GET stratus/adopt", response);
        }
        Object document;
        try {
            document = Json.read(response.body(), 0, response.body().length, Object.class);
        } catch (JsonException e) {
            throw new RuntimeApiException("GET stratus/adopt answered no JSON: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> variables)) {
            throw new RuntimeApiException("GET stratus/adopt answered no JSON object: " + response.bodyText());
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map.Entry<?, ?> variable : variables.entrySet()) {
            if (!(variable.getValue() instanceof String value)) {
                throw new RuntimeApiException("GET stratus/adopt: the variable " + variable.getKey()
                        + " is not a string");
            }
            environment.put((String) variable.getKey(), value);
        }
        return environment;
    }
}
