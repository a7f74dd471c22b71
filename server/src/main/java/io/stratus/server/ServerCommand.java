package io.stratus.server;

import io.stratus.model.function.Partition;
import java.nio.file.Path;
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
        return new ServerConfig(resolvedHost, resolvedPort, resolvedDir, new Partition(resolvedAccount, resolvedRegion));
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
