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
    /** The current invocation's START line while nothing followed it yet. */
    private String pendingStart;
    private long pendingStartMillis;

    SandboxLog(LogStream stream, InstantSource clock) {
        this.stream = stream;
        this.clock = clock;
    }

    synchronized void line(String text) {
        if (pendingStart != null) {
            stream.append(new long[] {pendingStartMillis, clock.millis()}, new String[] {pendingStart, text});
            pendingStart = null;
        } else {
            stream.append(clock.millis(), text);
        }
        collect(text);
    }

    private void collect(String text) {
        if (tail != null) {
            tail.append(text).append('\n');
            if (tail.length() > TAIL_KEEP_CHARS) {
                tail.delete(0, tail.length() - TAIL_KEEP_CHARS / 2);
            }
        }
    }

    /**
     * Begins an invocation's lines with its START line, collecting them for a log tail when one is wanted. The
     * START line goes out with the next line (the function's first output, or END and REPORT), so a quiet
     * invocation costs one write instead of three.
     */
    synchronized void begin(String startLine, boolean collectTail) {
        flushStart();
        tail = collectTail ? new StringBuilder(512) : null;
        pendingStart = startLine;
        pendingStartMillis = clock.millis();
        collect(startLine);
    }

    /**
     * Writes the closing lines and returns the invocation's tail (its last 4 KB), base64-encoded, or an empty
     * string when no tail was collected.
     */
    synchronized String finish(String... closingLines) {
        boolean withStart = pendingStart != null;
        int first = withStart ? 1 : 0;
        String[] lines = new String[closingLines.length + first];
        long[] times = new long[lines.length];
        if (withStart) {
            lines[0] = pendingStart;
            times[0] = pendingStartMillis;
            pendingStart = null;
        }
        long now = clock.millis();
        for (int i = 0; i < closingLines.length; i++) {
            lines[first + i] = closingLines[i];
            times[first + i] = now;
        }
        stream.append(times, lines);
        for (String closing : closingLines) {
            collect(closing);
        }
        if (tail == null) {
            return "";
        }
        byte[] bytes = tail.toString().getBytes(StandardCharsets.UTF_8);
        tail = null;
        int from = Math.max(0, bytes.length - TAIL_BYTES);
        return java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
    }

    private void flushStart() {
        if (pendingStart != null) {
            stream.append(pendingStartMillis, pendingStart);
            pendingStart = null;
        }
    }

    synchronized void close() {
        flushStart();
        stream.close();
    }
}
