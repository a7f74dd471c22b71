package io.stratus.engine.sandbox;

import io.stratus.engine.logs.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;

/**
 * The log of one sandbox: its output lines and the platform's lines, in order, into its log stream; while an
 * invocation runs, its lines are also collected for the caller's log tail.
 */
final class SandboxLog {

    static final int TAIL_BYTES = 4096;
    private static final int TAIL_KEEP_CHARS = 64 * 1024;

    private final LogStream stream;
    private final InstantSource clock;
    private StringBuilder tail;

    SandboxLog(LogStream stream, InstantSource clock) {
        this.stream = stream;
        this.clock = clock;
    }

    synchronized void line(String text) {
        stream.append(clock.millis(), text);
        if (tail != null) {
            tail.append(text).append('\n');
            if (tail.length() > TAIL_KEEP_CHARS) {
                tail.delete(0, tail.length() - TAIL_KEEP_CHARS / 2);
            }
        }
    }

    /** Writes the START line and begins collecting the tail. */
    synchronized void begin(String startLine) {
        tail = new StringBuilder(512);
        line(startLine);
    }

    /** Writes the closing lines and returns the invocation's tail (its last 4 KB), base64-encoded. */
    synchronized String finish(String... closingLines) {
        if (tail == null) {
            tail = new StringBuilder();
        }
        for (String closing : closingLines) {
            line(closing);
        }
        byte[] bytes = tail.toString().getBytes(StandardCharsets.UTF_8);
        tail = null;
        int from = Math.max(0, bytes.length - TAIL_BYTES);
        return java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
    }

    void close() {
        stream.close();
    }
}
