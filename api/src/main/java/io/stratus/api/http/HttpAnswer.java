package io.stratus.api.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One HTTP response a gateway sends back: status, header lines (repeats allowed, such as several
 * {@code Set-Cookie}) and body. Immutable.
 *
 * @param status  HTTP status
 * @param headers header lines in order
 * @param body    body bytes
 */
public record HttpAnswer(int status, List<HeaderField> headers, byte[] body) {

    public HttpAnswer {
        headers = List.copyOf(headers);
    }

    /** A JSON answer with a content type, as gateways send their own errors. */
    public static HttpAnswer json(int status, String json) {
        return new HttpAnswer(status, List.of(new HeaderField("Content-Type", "application/json")),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** The first value of a header by case-insensitive name. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HeaderField::value).findFirst();
    }

    /** This answer with a header set, replacing every line of that name. */
    public HttpAnswer withHeader(String name, String value) {
        List<HeaderField> lines = new ArrayList<>();
        for (HeaderField h : headers) {
            if (!h.name().equalsIgnoreCase(name)) {
                lines.add(h);
            }
        }
        lines.add(new HeaderField(name, value));
        return new HttpAnswer(status, lines, body);
    }

    /**
     * Writes this answer and completes {@code callback}. {@code Content-Length} is always the body's real length,
     * whatever the function claimed, so a wrong header cannot hang or truncate the client.
     */
    public void writeTo(Response response, Callback callback) {
        response.setStatus(status);
        for (HeaderField h : headers) {
            if (sendable(h)) {
                response.getHeaders().add(h.name(), h.value());
            }
        }
        // These statuses have no body by definition; whatever the function returned is dropped.
        byte[] sent = status < 200 || status == 204 || status == 304 ? new byte[0] : body;
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, sent.length);
        response.write(true, ByteBuffer.wrap(sent), callback);
    }

    /**
     * Whether a header may go on the wire: framing headers are the server's, and a name that is not an HTTP token
     * or a value with a line break (a function's mistake) would corrupt the response, so such lines are dropped.
     */
    private static boolean sendable(HeaderField h) {
        return !h.name().equalsIgnoreCase("Content-Length") && !h.name().equalsIgnoreCase("Transfer-Encoding")
                && TOKEN.matcher(h.name()).matches() && h.value().indexOf('\r') < 0 && h.value().indexOf('\n') < 0;
    }

    private static final java.util.regex.Pattern TOKEN =
            java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
}
