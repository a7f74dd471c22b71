package io.stratus.server;

import io.stratus.model.function.Partition;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the server is started with. Immutable; checked on construction.
 *
 * @param host      interface to listen on; loopback unless the operator asks otherwise
 * @param port      TCP port, 0 for any free port
 * @param dataDir   where the database and code packages live
 * @param partition account id and region reported in ARNs
 */
public record ServerConfig(String host, int port, Path dataDir, Partition partition) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9070;
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(partition, "partition");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }

    /** True when the server listens only on this machine. */
    public boolean loopbackOnly() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }
}
