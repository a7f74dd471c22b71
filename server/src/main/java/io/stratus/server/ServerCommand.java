package io.stratus.server;

import io.stratus.model.function.Partition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stratus server}: runs the server in the foreground until SIGTERM or SIGINT. Settings come from defaults,
 * then environment variables, then flags (later sources win).
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start the Stratus server (every API on one port) and run until stopped.")
final class ServerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = "--port", description = "TCP port (default ${STRATUS_PORT:-9070}; 0 picks a free port).")
    private Integer port;

    @Option(names = "--host", description = "Interface to listen on (default ${STRATUS_HOST:-127.0.0.1}).")
    private String host;

    @Option(names = "--data-dir", description = "Data directory (default ${STRATUS_DATA_DIR:-~/.stratus}).")
    private Path dataDir;

    @Option(names = "--region", description = "Region reported in ARNs (default ${STRATUS_REGION:-us-east-1}).")
    private String region;

    @Option(names = "--account-id", description = "Account id reported in ARNs (default "
            + "${STRATUS_ACCOUNT_ID:-000000000000}).")
    private String accountId;

    @Option(names = "--keep-alive", description = "How long an idle sandbox is kept for reuse, e.g. 300s, 10m, "
            + "500ms (default ${STRATUS_KEEP_ALIVE:-300s}).")
    private String keepAlive;

    @Option(names = "--sandbox-memory", description = "MB of function memory all live sandboxes may reserve "
            + "together (default ${STRATUS_SANDBOX_MEMORY:-the host's physical memory}).")
    private Long sandboxMemory;

    @Option(names = "--runtime", description = "Runs a runtime on a given interpreter, e.g. "
            + "--runtime python3.12=/opt/python3.12/bin/python3.12 (repeatable; also STRATUS_RUNTIMES=id=path,...).")
    private Map<String, Path> runtimes = new LinkedHashMap<>();

    @Option(names = "--strict-runtimes", description = "Refuse to run a runtime on another version of its language "
            + "(default: the nearest installed version stands in, with a warning; STRATUS_STRICT_RUNTIMES=1).")
    private boolean strictRuntimes;

    @Option(names = "--isolation", description = "Sandbox isolation: auto, namespace or process (default "
            + "${STRATUS_ISOLATION:-auto}: namespaces when running as root on Linux).")
    private String isolation;

    @Option(names = "--concurrency-limit", description = "The account's limit of invocations in flight (default "
            + "${STRATUS_CONCURRENCY_LIMIT:-1000}; at least 100, which always stay unreserved).")
    private Integer concurrencyLimit;

    @Option(names = "--runtime-spares", description = "Pre-started runtimes kept per Node.js or Python runtime in use,"
            + " which new sandboxes adopt to skip interpreter start-up (default ${STRATUS_RUNTIME_SPARES:-1}; 0 turns"
            + " them off).")
    private Integer runtimeSpares;

    @Option(names = "--async-retry-scale", description = "Multiplies the delays between asynchronous retries "
            + "and the maximum event age (default ${STRATUS_ASYNC_RETRY_SCALE:-1}: Lambda's 1 and 2 minutes; 0.01 "
            + "makes them 0.6 and 1.2 s, and a 60 s maximum age 0.6 s).")
    private Double asyncRetryScale;

    @Option(names = "--invoke-permissions", description = "What happens when a trigger (HTTP API, function URL, "
            + "schedule) invokes a function whose resource policy does not allow it: warn (default "
            + "${STRATUS_INVOKE_PERMISSIONS:-warn}: log and invoke) or enforce (refuse, as AWS does).")
    private String invokePermissions;

    @Option(names = "--schedule-clock-scale", description = "For tests: runs scheduled rules this many times faster"
            + " than real time, e.g. 60 makes a minute pass in a second (default ${STRATUS_SCHEDULE_CLOCK_SCALE:-1}).")
    private Double scheduleClockScale;

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            config = resolve(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("stratus: " + e.getMessage());
            return 2;
        }
        if (!config.loopbackOnly()) {
            LOG.warn("Listening on {}: every API is reachable from other machines and request signing is not"
                    + " enforced yet. Use --host 127.0.0.1 unless this network is trusted.", config.host());
        }
        StratusServer server = new StratusServer(config);
        int boundPort;
        try {
            boundPort = server.start();
        } catch (StartupException e) {
            System.err.println("stratus: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping");
            server.stop();
            LOG.info("Stratus stopped");
            stopped.countDown();
        }, "shutdown"));
        String shownHost = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        System.out.println("Stratus ready on http://" + shownHost + ":" + boundPort);
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    ServerConfig resolve(Map<String, String> env) {
        String resolvedHost = host != null ? host : env.getOrDefault("STRATUS_HOST", ServerConfig.DEFAULT_HOST);
        int resolvedPort = port != null ? port : parsePort(env.get("STRATUS_PORT"));
        Path resolvedDir = dataDir != null ? dataDir
                : env.containsKey("STRATUS_DATA_DIR") ? Path.of(env.get("STRATUS_DATA_DIR"))
                : Path.of(System.getProperty("user.home"), ".stratus");
        String resolvedRegion = region != null ? region
                : env.getOrDefault("STRATUS_REGION", ServerConfig.DEFAULT_REGION);
        String resolvedAccount = accountId != null ? accountId
                : env.getOrDefault("STRATUS_ACCOUNT_ID", ServerConfig.DEFAULT_ACCOUNT);
        String permissions = invokePermissions != null ? invokePermissions
                : env.getOrDefault("STRATUS_INVOKE_PERMISSIONS", "warn");
        if (!permissions.equals("warn") && !permissions.equals("enforce")) {
            throw new IllegalArgumentException("--invoke-permissions must be warn or enforce, got '" + permissions
                    + "'");
        }
        double clockScale = scheduleClockScale != null ? scheduleClockScale
                : parseDouble(env.getOrDefault("STRATUS_SCHEDULE_CLOCK_SCALE", "1"), "STRATUS_SCHEDULE_CLOCK_SCALE");
        return new ServerConfig(resolvedHost, resolvedPort, resolvedDir, new Partition(resolvedAccount, resolvedRegion),
                sandboxes(env), permissions.equals("enforce"), clockScale);
    }

    private ServerConfig.Sandboxes sandboxes(Map<String, String> env) {
        Duration resolvedKeepAlive = keepAlive != null ? parseDuration(keepAlive, "--keep-alive")
                : env.containsKey("STRATUS_KEEP_ALIVE") ? parseDuration(env.get("STRATUS_KEEP_ALIVE"),
                "STRATUS_KEEP_ALIVE") : ServerConfig.Sandboxes.DEFAULT_KEEP_ALIVE;
        long memory = sandboxMemory != null ? sandboxMemory
                : env.containsKey("STRATUS_SANDBOX_MEMORY") ? parseLong(env.get("STRATUS_SANDBOX_MEMORY"),
                "STRATUS_SANDBOX_MEMORY") : ServerConfig.Sandboxes.physicalMemoryMb();
        Map<String, Path> resolvedRuntimes = new LinkedHashMap<>();
        String fromEnv = env.getOrDefault("STRATUS_RUNTIMES", "");
        for (String pair : fromEnv.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("STRATUS_RUNTIMES entries look like python3.12=/path/to/python3.12,"
                        + " got '" + pair + "'");
            }
            resolvedRuntimes.put(pair.substring(0, eq).trim(), Path.of(pair.substring(eq + 1).trim()));
        }
        resolvedRuntimes.putAll(runtimes);
        boolean strict = strictRuntimes || "1".equals(env.get("STRATUS_STRICT_RUNTIMES"))
                || "true".equalsIgnoreCase(env.get("STRATUS_STRICT_RUNTIMES"));
        String resolvedIsolation = isolation != null ? isolation : env.getOrDefault("STRATUS_ISOLATION", "auto");
        int concurrency = concurrencyLimit != null ? concurrencyLimit
                : env.containsKey("STRATUS_CONCURRENCY_LIMIT") ? (int) parseLong(env.get("STRATUS_CONCURRENCY_LIMIT"),
                "STRATUS_CONCURRENCY_LIMIT") : ServerConfig.Sandboxes.DEFAULT_CONCURRENCY;
        double retryScale;
        try {
            retryScale = asyncRetryScale != null ? asyncRetryScale
                    : Double.parseDouble(env.getOrDefault("STRATUS_ASYNC_RETRY_SCALE", "1"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("STRATUS_ASYNC_RETRY_SCALE must be a number, got '"
                    + env.get("STRATUS_ASYNC_RETRY_SCALE") + "'");
        }
        int spares = runtimeSpares != null ? runtimeSpares
                : (int) parseLong(env.getOrDefault("STRATUS_RUNTIME_SPARES", "1"), "STRATUS_RUNTIME_SPARES");
        return new ServerConfig.Sandboxes(resolvedKeepAlive, memory, resolvedRuntimes, strict, resolvedIsolation,
                concurrency, retryScale, spares);
    }

    static Duration parseDuration(String value, String name) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 300s, 10m or 500ms, got '"
                    + value + "'");
        }
    }

    private static long parseLong(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    private static double parseDouble(String value, String name) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    private static int parsePort(String value) {
        if (value == null || value.isBlank()) {
            return ServerConfig.DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("STRATUS_PORT must be a number, got '" + value + "'");
        }
    }
}
