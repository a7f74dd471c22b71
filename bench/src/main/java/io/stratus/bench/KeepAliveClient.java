package io.stratus.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over one keep-alive socket: the measured path for sequential latency and cold starts.
 * Plain bytes on a socket so that the client's own cost stays far below what is measured (an SDK or even the JDK
 * HttpClient would add tens of microseconds per request); the same client measures Stratus, floors and the peer.
 */
final class KeepAliveClient implements AutoCloseable {

    /** One answer: status, lower-cased headers and body. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final Endpoint endpoint;
    private final Map<String, String> extraHeaders;
    private final byte[] request;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveClient(Endpoint endpoint, Map<String, String> extraHeaders) {
        this.endpoint = endpoint;
        this.extraHeaders = extraHeaders;
        this.request = requestBytes(endpoint, extraHeaders, Endpoint.EVENT);
    }

    KeepAliveClient(Endpoint endpoint) {
        this(endpoint, Map.of());
    }

    private static byte[] requestBytes(Endpoint endpoint, Map<String, String> extraHeaders, String body) {
        StringBuilder head = new StringBuilder("POST " + endpoint.path() + " HTTP/1.1\r\nHost: " + endpoint.host()
                + ":" + endpoint.port() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
        extraHeaders.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        return (head + "\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the bench event and reads the whole answer; reconnects when the server closed the connection. */
    Response post() {
        return send(request);
    }

    /** Sends the bench event to another path of the same server, on the same connection. */
    Response post(String path) {
        return send(requestBytes(new Endpoint(endpoint.host(), endpoint.port(), path), extraHeaders, Endpoint.EVENT));
    }

    /** A GET of another path of the same server, on the same connection. */
    Response get(String path) {
        return send(("GET " + path + " HTTP/1.1\r\nHost: " + endpoint.host() + ":" + endpoint.port() + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private Response send(byte[] request) {
        try {
            if (socket == null) {
                connect();
            }
            out.write(request);
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("POST " + endpoint.uri() + " failed", e);
        }
    }

    /** Sends {@code count} requests back to back; returns each one's duration. Fails on any non-200 answer. */
    Samples measure(int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Response r = post();
            nanos[i] = System.nanoTime() - start;
            if (r.status() != 200) {
                throw new IllegalStateException(endpoint.uri() + " answered " + r.status() + ": " + r.body());
            }
        }
        return Samples.of(nanos);
    }

    private void connect() throws IOException {
        socket = new Socket(endpoint.host(), endpoint.port());
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    private Response read() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else {
            body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunked() throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        line();
        return body.toByteArray();
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by " + endpoint.uri());
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing a socket we no longer use: nothing to do
        }
        socket = null;
    }
}
