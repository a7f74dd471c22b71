package io.stratus.engine.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** An open log stream: appends timestamped lines; one writer at a time. */
public final class LogStream implements AutoCloseable {

    private final FileChannel channel;
    private final Set<LogStream> dirty;

    LogStream(FileChannel channel, Set<LogStream> dirty) {
        this.channel = channel;
        this.dirty = dirty;
    }

    /** Appends one line (without its newline). */
    public void append(long epochMillis, String line) {
        append(new long[] {epochMillis}, new String[] {line});
    }

    /** Appends lines (without their newlines), each with its own time, in one write. */
    public synchronized void append(long[] epochMillis, String[] lines) {
        if (!channel.isOpen()) {
            return;
        }
        byte[][] texts = new byte[lines.length][];
        int size = 0;
        for (int i = 0; i < lines.length; i++) {
            texts[i] = (epochMillis[i] + " " + lines[i] + "\n").getBytes(StandardCharsets.UTF_8);
            size += texts[i].length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (byte[] text : texts) {
            buffer.put(text);
        }
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dirty.add(this);
    }

    synchronized void force() {
        try {
            if (channel.isOpen()) {
                channel.force(false);
            }
        } catch (IOException e) {
            // A stream closed between listing and forcing was forced on close.
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                channel.force(false);
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dirty.remove(this);
    }
}
