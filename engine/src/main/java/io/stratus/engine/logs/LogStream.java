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
    public synchronized void append(long epochMillis, String line) {
        if (!channel.isOpen()) {
            return;
        }
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        String prefix = epochMillis + " ";
        ByteBuffer buffer = ByteBuffer.allocate(prefix.length() + text.length + 1);
        buffer.put(prefix.getBytes(StandardCharsets.US_ASCII)).put(text).put((byte) '\n').flip();
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
