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

    private static OptionalInt lookUp(Path table, int clientPort, int serverPort) {
        try {
            List<String> lines = Files.readAllLines(table);
            for (int i = 1; i < lines.size(); i++) {
                String[] fields = lines.get(i).trim().split("\\s+");
                if (fields.length < 8) {
                    continue;
                }
                if (port(fields[1]) == clientPort && port(fields[2]) == serverPort) {
                    return OptionalInt.of(Integer.parseInt(fields[7]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }
}
