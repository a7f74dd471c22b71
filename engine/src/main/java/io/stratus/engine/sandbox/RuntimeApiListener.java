package io.stratus.engine.sandbox;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Runtime API endpoint of one sandbox: a loopback port that only this sandbox is told about, served by one
 * platform thread per connection with blocking I/O.
 *
 * <p>When sandboxes run as their own users, each new connection is checked against the kernel's socket table
 * so that another sandbox that finds this port cannot read this sandbox's events.
 *
 * <p>This is a deliberately small HTTP/1.1 server: the Runtime API has four requests, and runtime clients send
 * plain requests with {@code Content-Length} or chunked bodies on one keep-alive connection.
 *
 * <p>Two things keep an invocation's hand-offs few. A handler may answer later ({@link Reply#LATER}): a parked
 * {@code next} is answered by the thread that brings the event, which writes it to the runtime's socket itself,
 * while this connection's thread is already back in read() waiting for the runtime's post. And a client may
 * pipeline its {@code next} behind its post: the post's 202 is then held back and goes out in one write with the
 * event, so the runtime wakes once per invocation instead of twice. Replies always leave in request order.
 */
final class RuntimeApiListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeApiListener.class);
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ServerSocket server;
    private volatile Handler handler;
    private final long maxBodyBytes;
    private final OptionalInt expectedUid;
    private volatile boolean closed;
    /** The threads serving open connections. */
    private final Set<Thread> serving = ConcurrentHashMap.newKeySet();

    /** Serves one runtime request. */
    interface Handler {
        /**
         * The reply, or {@link Reply#LATER} when the handler keeps {@code later} and answers through it exactly
         * once, from any thread.
         */
        Reply handle(Request request, Responder later) throws InterruptedException;
    }

    /** Answers a request whose handler returned {@link Reply#LATER}. */
    interface Responder {
        /** Writes the reply (after any reply held back for it); false when the connection is gone. */
        boolean reply(Reply reply);

        /**
         * Gives a 202 while its handler still has work to finish, from the handler's own thread; the handler then
         * returns {@link Reply#LATER}. The client's next request is still read only once the handler returns. When
         * that request has already arrived (pipelined), the 202 is held back to leave with its answer, as always.
         */
        void acceptNow(Reply accepted);
    }

    /**
     * A request from the runtime.
     *
     * @param method       HTTP method
     * @param path         the path without query
     * @param headers      headers with lower-case names
     * @param body         the body (empty when too large)
     * @param bodyTooLarge true when the body exceeded the limit and was not kept
     */
    record Request(String method, String path, Map<String, String> headers, byte[] body, boolean bodyTooLarge) {
    }

    /**
     * A reply to the runtime.
     *
     * @param status  HTTP status
     * @param headers headers to send besides Content-Length
     * @param body    the body
     */
    record Reply(int status, Map<String, String> headers, byte[] body) {

        /** The handler answers later, through the {@link Responder} it was given. */
        static final Reply LATER = new Reply(0, Map.of(), new byte[0]);

        static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"),
                    json.getBytes(StandardCharsets.UTF_8));
        }

        static Reply error(int status, String type, String message) {
            return json(status, "{\"errorMessage\":\"" + message.replace("\"", "'") + "\",\"errorType\":\""
                    + type + "\"}");
        }
    }

    RuntimeApiListener(Handler handler, long maxBodyBytes, OptionalInt expectedUid) throws IOException {
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
        this.expectedUid = expectedUid;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        Thread.ofVirtual().name("runtime-api-accept-" + port()).start(this::acceptLoop);
    }

    /** Hands the requests from now on to another handler (a pre-started runtime adopted by a sandbox). */
    void handler(Handler next) {
        this.handler = next;
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + port();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                // A platform thread: the runtime's request wakes it straight from the socket, where a virtual
                // thread would first go through the JDK's poller thread and then wait for a carrier, two more
                // hand-offs on every invocation.
                Thread thread = Thread.ofPlatform().name("runtime-api-" + port()).daemon(true)
                        .stackSize(256 * 1024).unstarted(() -> serve(socket));
                serving.add(thread);
                thread.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("runtime API accept failed", e);
                }
                return;
            }
        }
    }

    /**
     * Waits, at most {@code limitNanos}, until every connection has been read to its end: once the runtime's
     * process is gone, this means each request it sent before it ended has been handled (a runtime may post its
     * answer and exit at once, without waiting for the reply).
     */
    void awaitConnectionsEnded(long limitNanos) {
        long deadline = System.nanoTime() + limitNanos;
        for (Thread thread : serving) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            if (expectedUid.isPresent()) {
                OptionalInt peer = PeerUid.of(socket.getPort(), socket.getLocalPort());
                if (peer.isEmpty() || peer.getAsInt() != expectedUid.getAsInt()) {
                    LOG.warn("refused a Runtime API connection from uid {} on a port of uid {}",
                            peer.isPresent() ? peer.getAsInt() : "unknown", expectedUid.getAsInt());
                    return;
                }
            }
            socket.setTcpNoDelay(true);
            RequestInput in = new RequestInput(socket.getInputStream());
            Connection connection = new Connection(new BufferedOutputStream(socket.getOutputStream(), 16 * 1024),
                    in);
            while (!closed) {
                Request request = read(in);
                if (request == null) {
                    return;
                }
                connection.takeTurn();
                Reply reply = handler.handle(request, connection);
                if (reply == Reply.LATER) {
                    continue;
                }
                boolean close = request.bodyTooLarge()
                        || "close".equalsIgnoreCase(request.headers().get("connection"));
                // A post's 202 with the client's next request already here (pipelined) waits for that request's
                // answer, so both leave in one write.
                boolean holdBack = reply.status() == 202 && !close && in.hasBuffered();
                connection.send(reply, close, !holdBack);
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.trace("runtime API connection ended", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            serving.remove(Thread.currentThread());
        }
    }

    /** The writing side of one runtime connection: replies in request order, some of them from other threads. */
    private static final class Connection implements Responder {
        private final OutputStream out;
        private final RequestInput in;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition answered = lock.newCondition();
        /** A reply is owed to the request being handled or handed to a later answer. */
        private boolean owed;

        Connection(OutputStream out, RequestInput in) {
            this.out = out;
            this.in = in;
        }

        /**
         * Owes a reply to the request just read, once any reply owed to an earlier one has gone out (only a client
         * that sends a request while its next is parked waits here).
         */
        void takeTurn() throws InterruptedException {
            lock.lock();
            try {
                while (owed) {
                    answered.await();
                }
                owed = true;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Writes the owed reply; without {@code flush} it stays buffered until the next reply is written. The
         * reply counts as given even when writing fails: the connection is gone then.
         */
        void send(Reply reply, boolean close, boolean flush) throws IOException {
            lock.lock();
            try {
                write(out, reply, close);
                if (flush) {
                    out.flush();
                }
            } finally {
                owed = false;
                answered.signalAll();
                lock.unlock();
            }
        }

        @Override
        public void acceptNow(Reply accepted) {
            try {
                // Held back when the next request is here already, as in serve().
                send(accepted, false, !in.hasBuffered());
            } catch (IOException e) {
                LOG.trace("runtime API connection ended before its answer", e);
            }
        }

        @Override
        public boolean reply(Reply reply) {
            try {
                send(reply, false, true);
                return true;
            } catch (IOException e) {
                LOG.trace("runtime API connection ended before its answer", e);
                return false;
            }
        }
    }

    private Request read(RequestInput in) throws IOException {
        String requestLine = in.readLine();
        if (requestLine == null) {
            return null;
        }
        if (requestLine.isEmpty()) {
            requestLine = in.readLine();
            if (requestLine == null) {
                return null;
            }
        }
        String[] parts = requestLine.split(" ");
        if (parts.length < 2) {
            throw new IOException("bad request line");
        }
        Map<String, String> headers = new HashMap<>();
        int headerBytes = 0;
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("headers too large");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        String path = parts[1];
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String length = headers.get("content-length");
        String encoding = headers.get("transfer-encoding");
        byte[] body = new byte[0];
        boolean tooLarge = false;
        if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream collected = new ByteArrayOutputStream();
            tooLarge = readChunked(in, collected);
            body = tooLarge ? new byte[0] : collected.toByteArray();
        } else if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length);
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length");
            }
            if (declared > maxBodyBytes) {
                tooLarge = true;
            } else {
                body = in.readNBytes((int) declared);
                if (body.length < declared) {
                    return null;
                }
            }
        }
        return new Request(parts[0], path, headers, body, tooLarge);
    }

    /** Reads a chunked body; returns true when it exceeded the limit (the rest is not read). */
    private boolean readChunked(RequestInput in, ByteArrayOutputStream into) throws IOException {
        while (true) {
            String sizeLine = in.readLine();
            if (sizeLine == null) {
                throw new IOException("truncated chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                for (String trailer; (trailer = in.readLine()) != null && !trailer.isEmpty(); ) {
                    // Trailers carry streaming errors, which buffered invocations do not use.
                }
                return false;
            }
            if (into.size() + size > maxBodyBytes) {
                return true;
            }
            into.write(in.readNBytes((int) size));
            in.readLine();
        }
    }

    /**
     * Buffered reading of requests: lines are found by scanning the buffer, where {@link java.io.BufferedInputStream}
     * would take its lock once per byte.
     */
    private static final class RequestInput {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;

        RequestInput(InputStream in) {
            this.in = in;
        }

        /** True when bytes of a further request were read already. */
        boolean hasBuffered() {
            return position < limit;
        }

        private boolean fill() throws IOException {
            position = 0;
            limit = Math.max(0, in.read(buffer));
            return limit > 0;
        }

        /** A line without its CR LF (bytes as Latin-1), or null at the end of the stream. */
        String readLine() throws IOException {
            StringBuilder longer = null;
            while (true) {
                if (position == limit && !fill()) {
                    return longer == null || longer.isEmpty() ? null : longer.toString();
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                boolean found = position < limit;
                int end = position;
                if (found) {
                    position++;
                }
                if (!found || longer != null) {
                    if (longer == null) {
                        longer = new StringBuilder(128);
                    }
                    longer.append(new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
                    if (longer.length() > MAX_HEADER_BYTES) {
                        throw new IOException("line too long");
                    }
                    if (!found) {
                        continue;
                    }
                    int length = longer.length();
                    if (length > 0 && longer.charAt(length - 1) == '\r') {
                        longer.setLength(length - 1);
                    }
                    return longer.toString();
                }
                if (end > start && buffer[end - 1] == '\r') {
                    end--;
                }
                return new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
            }
        }

        /** Exactly {@code n} bytes, or fewer at the end of the stream. */
        byte[] readNBytes(int n) throws IOException {
            byte[] out = new byte[n];
            int buffered = Math.min(n, limit - position);
            System.arraycopy(buffer, position, out, 0, buffered);
            position += buffered;
            if (buffered == n) {
                return out;
            }
            int read = in.readNBytes(out, buffered, n - buffered);
            return read == n - buffered ? out : java.util.Arrays.copyOf(out, buffered + read);
        }
    }

    private static void write(OutputStream out, Reply reply, boolean close) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(reply.status()).append(' ').append(reason(reply.status())).append("\r\n");
        reply.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(reply.body().length).append("\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(reply.body());
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Request Entity Too Large";
            default -> "Internal Server Error";
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing runtime API listener", e);
        }
    }
}
