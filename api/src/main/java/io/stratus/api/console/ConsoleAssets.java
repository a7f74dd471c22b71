package io.stratus.api.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web console's files, read from the class path under {@code stratus-console/} and served under
 * {@link #PREFIX}. {@code /} and {@code /console} redirect to {@code /console/}, which is {@code index.html}.
 *
 * <p>Only {@code GET} and {@code HEAD}; a path is served only when every segment is a plain file name (letters,
 * digits, {@code . _ -}, not starting with a dot), so there is no traversal and no directory listing. Every answer
 * carries a strong {@code ETag} and {@code Cache-Control: no-cache}: browsers keep the bundle and revalidate it with
 * one cheap request, so a new server never leaves an old console in the cache. Files are read once and kept. A
 * content security policy keeps the page to its own scripts and this server.
 */
public final class ConsoleAssets extends Handler.Abstract {

    /** Where the console is served. */
    public static final String PREFIX = "/console/";

    private static final String ROOT = "stratus-console/";
    /**
     * The console runs only its own bundle and talks only to this server; styles may be inline (the editor and
     * chart libraries set them); no other site may frame it.
     */
    private static final String POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "map", "application/json");

    private record Asset(byte[] body, String contentType, String etag) {
    }

    private final ClassLoader loader;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    public ConsoleAssets() {
        this(ConsoleAssets.class.getClassLoader());
    }

    ConsoleAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** True for the paths this handler answers: {@code /}, {@code /console} and everything under it. */
    public static boolean serves(String path) {
        return path.equals("/") || path.equals("/console") || path.startsWith(PREFIX);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return text(response, callback, 405, "Method not allowed.");
        }
        if (!path.startsWith(PREFIX)) {
            response.getHeaders().put(HttpHeader.LOCATION, PREFIX);
            return text(response, callback, 302, "The console is at " + PREFIX);
        }
        String file = path.substring(PREFIX.length());
        Optional<Asset> asset = plainPath(file.isEmpty() ? "index.html" : file)
                .flatMap(p -> cache.computeIfAbsent(p, this::load));
        if (asset.isEmpty()) {
            return text(response, callback, 404, "Not found: " + path);
        }
        return send(request, response, callback, asset.get());
    }

    private static Optional<String> plainPath(String file) {
        for (String segment : file.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(file);
    }

    private Optional<Asset> load(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(extension);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            return Optional.of(new Asset(body, type, etag(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading console file " + file, e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static boolean send(Request request, Response response, Callback callback, Asset asset) {
        response.getHeaders().put(HttpHeader.ETAG, asset.etag());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", POLICY);
        if (asset.etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, asset.body().length);
        boolean head = request.getMethod().equals("HEAD");
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(asset.body()), callback);
        return true;
    }

    private static boolean text(Response response, Callback callback, int status, String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
