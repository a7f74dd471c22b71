package io.stratus.engine.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Function logs kept in the data directory, one file per log stream under one directory per log group, the way
 * CloudWatch Logs arranges them. Each line of a file is {@code <epoch-millis> <message>}; messages never contain
 * a newline because sandbox output is split on newlines before it gets here.
 *
 * <p>Lines are written straight to the file (surviving a crash of the server); {@link #sync()} forces them to
 * disk and runs once a second, so a power loss costs at most the last second.
 */
public final class FunctionLogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Set<LogStream> dirty = ConcurrentHashMap.newKeySet();

    public FunctionLogs(Path root) {
        this.root = root;
    }

    /** Opens (creating when needed) a stream for appending. */
    public LogStream open(String group, String stream) {
        Path dir = root.resolve(encode(group));
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(encode(stream) + ".log"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new LogStream(channel, dirty);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log stream " + group + " " + stream, e);
        }
    }

    /** Forces every stream written since the last call to disk. */
    public void sync() {
        for (LogStream stream : List.copyOf(dirty)) {
            dirty.remove(stream);
            stream.force();
        }
    }

    /**
     * Reads events of a log group across its streams, oldest first.
     *
     * @param group     the log group, e.g. {@code /aws/lambda/my-function}
     * @param token     where a previous read stopped (its {@link Page#nextToken()}), or empty to start over
     * @param startTime only events at or after this epoch millisecond
     * @param filter    only events whose message contains this text
     * @param limit     at most this many events
     */
    public Page read(String group, Optional<String> token, long startTime, Optional<String> filter, int limit) {
        Map<String, Long> offsets = token.map(FunctionLogs::decodeToken).orElseGet(HashMap::new);
        Path dir = root.resolve(encode(group));
        List<Event> events = new ArrayList<>();
        Map<String, Long> ends = new HashMap<>(offsets);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                    String fileName = file.getFileName().toString();
                    String streamKey = fileName.substring(0, fileName.length() - 4);
                    long from = offsets.getOrDefault(streamKey, 0L);
                    long end = readEvents(file, decode(streamKey), streamKey, from, events);
                    ends.put(streamKey, end);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        events.sort(Comparator.comparingLong(Event::timestamp));
        List<Event> shown = new ArrayList<>();
        Map<String, Long> next = new LinkedHashMap<>(offsets);
        boolean truncated = false;
        // Every stream advances to its end unless the page filled up, in which case the streams stop just
        // after the last event they contributed (or where they started).
        for (Event event : events) {
            boolean matches = event.timestamp() >= startTime
                    && filter.map(f -> event.message().contains(f)).orElse(true);
            if (matches && shown.size() == limit) {
                truncated = true;
                break;
            }
            if (matches) {
                shown.add(event);
            }
            next.put(event.streamKey(), event.endOffset());
        }
        if (!truncated) {
            next.putAll(ends);
        }
        return new Page(shown, encodeToken(next));
    }

    private static long readEvents(Path file, String stream, String streamKey, long from, List<Event> into)
            throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (from >= size) {
                return from;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - from, 64L * 1024 * 1024));
            channel.read(buffer, from);
            byte[] bytes = buffer.array();
            int length = buffer.position();
            int lineStart = 0;
            for (int i = 0; i < length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String line = new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8);
                int space = line.indexOf(' ');
                if (space > 0) {
                    into.add(new Event(stream, Long.parseLong(line.substring(0, space)), line.substring(space + 1),
                            streamKey, from + i + 1));
                }
                lineStart = i + 1;
            }
            // A line still being written (no newline yet) is left for the next read.
            return from + lineStart;
        }
    }

    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("*", "%2A");
    }

    static String decode(String name) {
        return URLDecoder.decode(name, StandardCharsets.UTF_8);
    }

    private static String encodeToken(Map<String, Long> offsets) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(offsets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Long> decodeToken(String token) {
        try {
            Map<String, Long> offsets = new HashMap<>();
            JSON.readTree(Base64.getUrlDecoder().decode(token)).properties()
                    .forEach(e -> offsets.put(e.getKey(), e.getValue().asLong()));
            return offsets;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid nextToken", e);
        }
    }

    /**
     * One log event.
     *
     * @param stream    the log stream name
     * @param timestamp epoch milliseconds when the line was written
     * @param message   the line
     * @param streamKey the stream's file key (for tokens)
     * @param endOffset the file offset just after this line
     */
    public record Event(String stream, long timestamp, String message, String streamKey, long endOffset) {
    }

    /** Events and the token that continues after them. */
    public record Page(List<Event> events, String nextToken) {
    }
}
