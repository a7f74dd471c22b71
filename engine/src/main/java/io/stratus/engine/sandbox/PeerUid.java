package io.stratus.engine.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/** Finds which user owns the client end of a loopback TCP connection, from the kernel's socket table. */
final class PeerUid {

    /** IPv4 sockets, then IPv6 ones: a dual-stack client (a JVM, for one) reaches 127.0.0.1 from an IPv6 socket. */
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private PeerUid() {
    }

    /**
     * The uid owning the socket whose local port is {@code clientPort} and whose remote port is {@code serverPort}.
     */
    static OptionalInt of(int clientPort, int serverPort) {
        for (Path table : TABLES) {
            OptionalInt uid = lookUp(table, clientPort, serverPort);
            if (uid.isPresent()) {
                return uid;
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Scans one table as bytes. It runs once per Runtime API connection, so it usually runs interpreted: splitting
     * each line with a regular expression cost 4–5 ms per connection (on a custom runtime's cold start).
     */
    private static OptionalInt lookUp(Path table, int clientPort, int serverPort) {
        byte[] text;
        try {
            text = Files.readAllBytes(table);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        return find(text, clientPort, serverPort);
    }

    /**
     * The uid on the line whose local address ends in {@code :clientPort} and whose remote address ends in
     * {@code :serverPort} (fields 2, 3 and 8 of a line, after the header line).
     */
    static OptionalInt find(byte[] text, int clientPort, int serverPort) {
        int line = next(text, 0);
        int[] starts = new int[8];
        int[] ends = new int[8];
        while (line < text.length) {
            int following = next(text, line);
            int end = following - 1;
            if (fields(text, line, end, starts, ends)
                    && port(text, starts[1], ends[1]) == clientPort
                    && port(text, starts[2], ends[2]) == serverPort) {
                return OptionalInt.of((int) number(text, starts[7], ends[7], 10));
            }
            line = following;
        }
        return OptionalInt.empty();
    }

    /** The start of the line after the one at {@code from}. */
    private static int next(byte[] text, int from) {
        int i = from;
        while (i < text.length && text[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    /** Finds the first eight blank-separated fields of a line; false when it has fewer. */
    private static boolean fields(byte[] text, int from, int to, int[] starts, int[] ends) {
        int i = from;
        for (int field = 0; field < starts.length; field++) {
            while (i < to && text[i] == ' ') {
                i++;
            }
            if (i == to) {
                return false;
            }
            starts[field] = i;
            while (i < to && text[i] != ' ') {
                i++;
            }
            ends[field] = i;
        }
        return true;
    }

    /** The hexadecimal port after the last colon of an address field, or -1. */
    private static int port(byte[] text, int from, int to) {
        int colon = to - 1;
        while (colon >= from && text[colon] != ':') {
            colon--;
        }
        return colon < from ? -1 : (int) number(text, colon + 1, to, 16);
    }

    private static long number(byte[] text, int from, int to, int radix) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text[i], radix);
            if (digit < 0) {
                return -1;
            }
            value = value * radix + digit;
        }
        return value;
    }
}
