package io.stratus.runtime.java;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 keep-alive connection to the Runtime API over a plain socket.
 *
 * <p>Design notes. {@code java.net.http.HttpClient} costs tens of milliseconds of class loading, so this is a
 * minimal client: requests carry {@code Content-Length} bodies; responses may use {@code Content-Length},
 * chunked encoding or close-delimited bodies. Reads have no timeout (the {@code next} call blocks until an
 * event arrives, possibly across a freeze). If the server closed an idle keep-alive connection, the first
 * write or read on it fails before any response byte arrives; that exchange is retried once on a new
 * connection. Not thread-safe: the runtime loop is the only user.
 */
final class HttpConnection implements Closeable {
    private final String host;
    private final int port;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean reused;
    private boolean responseStarted;

    /**
     * @param hostAndPort {@code host:port} as in {@code AWS_LAMBDA_RUNTIME_API}; IPv6 hosts in brackets
     * @throws IllegalArgumentException if there is no port
     */
    HttpConnection(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API is not host:port: " + hostAndPort);
        }
        String name = hostAndPort.substring(0, colon);
        this.host = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        this.port = Integer.parseInt(hostAndPort.substring(colon + 1));
        this.hostHeader = hostAndPort;
    }

    /**
     * Sends one request and reads the whole response.
     *
     * @param method {@code GET} or {@code POST}
     * @param path the request target, already URL-safe
     * @param extraHeader extra {@code Name: value} header lines, separated by CRLF, without a final CRLF, or
     *                    {@code null}
     * @param body the request body, or {@code null} for none
     * @throws IOException if the connection fails (after the one retry described above)
     */
    HttpResponse exchange(String method, String path, String extraHeader, byte[] body) throws IOException {
        while (true) {
            boolean retryable = reused;
            try {
                ensureOpen();
                responseStarted = false;
                writeRequest(method, path, extraHeader, body);
                return receive();
            } catch (IOException e) {
                close();
                if (!retryable || responseStarted) {
                    throw e;
                }
            }
        }
    }

    /**
     * Sends a request and then a second one behind it in the same write, without waiting for the first answer
     * (pipelined); {@link #receive()} reads the answers in order. A connection that fails while sending is closed
     * and the failure raised: nothing was answered, and the caller decides whether to ask again.
     */
    void sendTwo(String method, String path, String extraHeader, byte[] body, String secondMethod,
                 String secondPath) throws IOException {
        try {
            ensureOpen();
            writeHead(method, path, extraHeader, body);
            writeHead(secondMethod, secondPath, null, null);
            out.flush();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * Reads the answer to the oldest request sent and not yet answered. A failure closes the connection;
     * {@link #answerStarted()} then tells whether any byte of the answer had arrived (if not, the request may be
     * sent again).
     */
    HttpResponse receive() throws IOException {
        try {
            responseStarted = false;
            HttpResponse response = readResponse();
            reused = true;
            if ("close".equalsIgnoreCase(response.headers().get("connection"))) {
                close();
            }
            return response;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** True when the last {@link #receive()} had read part of an answer before it failed. */
    boolean answerStarted() {
        return responseStarted;
    }

    /** True while the connection is open (the server may close it after an answer). */
    boolean isOpen() {
        return socket != null;
    }

    @Override
    public void close() {
        reused = false;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to release
            }
            socket = null;
        }
    }

    private void ensureOpen() throws IOException {
        if (socket == null) {
            // NO_PROXY: the Runtime API is local; it also skips loading the SOCKS and proxy-selector machinery.
            Socket s = new Socket(Proxy.NO_PROXY);
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port));
            socket = s;
            in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
        }
    }

    private void writeRequest(String method, String path, String extraHeader, byte[] body) throws IOException {
        writeHead(method, path, extraHeader, body);
        out.flush();
    }

    /** Writes a request, head and body, into the buffer without flushing it. */
    private void writeHead(String method, String path, String extraHeader, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("User-Agent: stratus-java-runtime\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        if (extraHeader != null) {
            head.append(extraHeader).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.write(body);
        }
    }

    private HttpResponse readResponse() throws IOException {
        while (true) {
            String statusLine = readLine();
            responseStarted = true;
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("Malformed status line from the Runtime API: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            Map<String, String> headers = readHeaders();
            if (status >= 100 && status < 200) {
                continue;
            }
            return new HttpResponse(status, headers, readBody(status, headers));
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private byte[] readBody(int status, Map<String, String> headers) throws IOException {
        String encoding = headers.get("transfer-encoding");
        String length = headers.get("content-length");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked();
        }
        if (length != null) {
            return readExactly(Integer.parseInt(length.trim()));
        }
        if (status == 204 || status == 304) {
            return new byte[0];
        }
        headers.put("connection", "close");
        return in.readAllBytes();
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers are not used by the Runtime API
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            readLine();
        }
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("Runtime API closed the connection after " + bytes.length + " of " + length
                    + " body bytes");
        }
        return bytes;
    }

    /** One line without its CR LF, decoded as UTF-8 (header values may carry raw UTF-8 JSON). */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("Runtime API closed the connection");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }
}
