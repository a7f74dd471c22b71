package io.stratus.server;

import io.stratus.model.function.Partition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the server is started with. Immutable; checked on construction.
 *
 * @param host      interface to listen on; loopback unless the operator asks otherwise
 * @param port      TCP port, 0 for any free port
 * @param dataDir   where the database and code packages live
 * @param partition account id and region reported in ARNs
 * @param sandboxes how functions run
 * @param enforceInvokePermissions refuse trigger invocations that the function's resource policy does not allow
 *                                 (otherwise they are logged and allowed)
 * @param scheduleClockScale how many times faster than real time scheduled rules run (1; more only for tests)
 */
public record ServerConfig(String host, int port, Path dataDir, Partition partition, Sandboxes sandboxes,
                           boolean enforceInvokePermissions, double scheduleClockScale) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9070;
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(sandboxes, "sandboxes");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (!(scheduleClockScale >= 1) || scheduleClockScale > 10_000) {
            throw new IllegalArgumentException("the schedule clock scale must be between 1 and 10000, got "
                    + scheduleClockScale);
        }
    }

    /** True when the server listens only on this machine. */
    public boolean loopbackOnly() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }

    /**
     * How functions run.
     *
     * @param keepAlive      how long an idle sandbox is kept for reuse
     * @param memoryMb       the sum of MemorySize all live sandboxes may reserve
     * @param runtimes       runtime identifier → interpreter binary, winning over discovery
     * @param strictRuntimes refuse to run a runtime on another version of its language
     * @param isolation      auto, namespace or process
     * @param concurrency    the account's limit of invocations in flight (Lambda's default: 1,000)
     * @param asyncRetryScale multiplies the delays between asynchronous retries and the maximum event age (1 = Lambda's
     *                        1 and 2 minutes and 6 hours)
     */
    public record Sandboxes(Duration keepAlive, long memoryMb, Map<String, Path> runtimes, boolean strictRuntimes,
                            String isolation, int concurrency, double asyncRetryScale, int runtimeSpares) {

        public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);
        public static final int DEFAULT_CONCURRENCY = 1000;

        public Sandboxes {
            runtimes = Map.copyOf(runtimes);
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("keep-alive must be positive");
            }
            if (memoryMb < 128) {
                throw new IllegalArgumentException("sandbox memory must be at least 128 MB, got " + memoryMb);
            }
            if (!(asyncRetryScale > 0) || asyncRetryScale > 1000) {
                throw new IllegalArgumentException("the asynchronous retry scale must be above 0, got "
                        + asyncRetryScale);
            }
            if (runtimeSpares < 0 || runtimeSpares > 16) {
                throw new IllegalArgumentException("runtime spares must be between 0 and 16, got " + runtimeSpares);
            }
            if (concurrency < 100) {
                // 100 must stay unreserved, as in Lambda.
                throw new IllegalArgumentException("the concurrency limit must be at least 100, got " + concurrency);
            }
            if (!isolation.equals("auto") && !isolation.equals("namespace") && !isolation.equals("process")) {
                throw new IllegalArgumentException("isolation must be auto, namespace or process, got '"
                        + isolation + "'");
            }
        }

        /** The host's physical memory in MB: the default budget for sandboxes. */
        public static long physicalMemoryMb() {
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return Math.max(128, sun.getTotalMemorySize() / (1024 * 1024));
            }
            return 4096;
        }
    }
}
