package io.stratus.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Reads a request's body into memory. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The body, or its first {@code max + 1} bytes when it is longer (so the caller can tell it was too long). A
     * body with a Content-Length is read into an array of exactly that size: {@code readNBytes(limit)} would
     * allocate and copy 16 KB chunks even for a small event, which was about half of all the server allocated per
     * invocation. The caller refuses a declared length over {@code max} before reading.
     */
    public static byte[] read(Request request, long max) throws IOException {
        long declared = request.getLength();
        if (declared == 0) {
            return new byte[0];
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > 0 && declared <= max) {
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                return read == body.length ? body : Arrays.copyOf(body, read);
            }
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
    }
}
