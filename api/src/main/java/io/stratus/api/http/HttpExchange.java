package io.stratus.api.http;

import io.stratus.api.RequestBodies;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/**
 * One incoming request exactly as a gateway sees it before any routing: nothing decoded, headers in arrival order
 * with repeats kept, the {@code Cookie} headers split into cookies. Immutable.
 *
 * @param method         HTTP method, upper case as sent
 * @param rawPath        the path as the function should see it, still percent-encoded, starting with {@code /}
 * @param rawQueryString the query string without {@code ?}; empty when there is none
 * @param headers        every header except {@code Cookie}, in arrival order
 * @param cookies        {@code name=value} pairs from all {@code Cookie} headers, in order
 * @param body           the body bytes; empty when none was sent
 * @param sourceIp       the client's address
 * @param userAgent      the {@code User-Agent} header, empty when absent
 * @param domainName     the host the client addressed, without port, lower case
 * @param protocol       the HTTP version, such as {@code HTTP/1.1}
 * @param requestTime    when the request arrived
 */
public record HttpExchange(String method, String rawPath, String rawQueryString, List<HeaderField> headers,
                           List<String> cookies, byte[] body, String sourceIp, String userAgent, String domainName,
                           String protocol, Instant requestTime) {

    /** Lambda's synchronous payload limit, which both function URLs and HTTP APIs apply to the request body. */
    public static final long MAX_BODY_BYTES = 6L * 1024 * 1024;

    public HttpExchange {
        headers = List.copyOf(headers);
        cookies = List.copyOf(cookies);
    }

    /**
     * Reads a request, body included.
     *
     * @param rawPath the path after any gateway prefix (path-style addressing strips {@code /lambda-url/{id}})
     * @throws BodyTooLargeException when the body exceeds {@link #MAX_BODY_BYTES}
     * @throws IOException           when the client stops sending
     */
    public static HttpExchange read(Request request, String rawPath, InstantSource clock)
            throws BodyTooLargeException, IOException {
        Instant arrived = clock.instant();
        List<HeaderField> headers = new ArrayList<>();
        List<String> cookies = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            if (field.getLowerCaseName().equals("cookie")) {
                cookies.addAll(splitCookies(field.getValue()));
            } else {
                headers.add(new HeaderField(field.getName(), field.getValue()));
            }
        }
        String query = request.getHttpURI().getQuery();
        return new HttpExchange(request.getMethod(), rawPath, query == null ? "" : query, headers, cookies,
                readBody(request), Request.getRemoteAddr(request),
                Optional.ofNullable(request.getHeaders().get("User-Agent")).orElse(""), domain(request),
                request.getConnectionMetaData().getProtocol(), arrived);
    }

    /** The first value of a header by case-insensitive name. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HeaderField::value).findFirst();
    }

    /** This exchange with headers added after the client's, as a front end adds {@code x-forwarded-*}. */
    public HttpExchange withAddedHeaders(List<HeaderField> added) {
        List<HeaderField> all = new ArrayList<>(headers);
        all.addAll(added);
        return new HttpExchange(method, rawPath, rawQueryString, all, cookies, body, sourceIp, userAgent, domainName,
                protocol, requestTime);
    }

    private static List<String> splitCookies(String header) {
        List<String> cookies = new ArrayList<>();
        for (String part : header.split(";")) {
            String cookie = part.strip();
            if (!cookie.isEmpty()) {
                cookies.add(cookie);
            }
        }
        return cookies;
    }

    private static byte[] readBody(Request request) throws BodyTooLargeException, IOException {
        if (request.getLength() > MAX_BODY_BYTES) {
            throw new BodyTooLargeException(MAX_BODY_BYTES);
        }
        byte[] body = RequestBodies.read(request, MAX_BODY_BYTES);
        if (body.length > MAX_BODY_BYTES) {
            throw new BodyTooLargeException(MAX_BODY_BYTES);
        }
        return body;
    }

    private static String domain(Request request) {
        String host = request.getHeaders().get("Host");
        if (host == null || host.isBlank()) {
            return Request.getServerName(request).toLowerCase(Locale.ROOT);
        }
        host = host.toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }
}
