package io.stratus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The peer: serverless-offline 13.10.1 on serverless 3.40.0 (the newest pair that runs offline, see peers.md),
 * installed from npm into the gitignored bench/.peer/, serving the Node hello handler in its fastest mode
 * (--useInProcess) through its Lambda Invoke API and its HTTP API emulation. It runs Node only.
 */
final class Peer implements AutoCloseable {

    static final String VERSIONS = "serverless@3.40.0 + serverless-offline@13.10.1 (--useInProcess)";
    private static final Pattern READY = Pattern.compile("Server ready: (http://\\S+)");

    private final ServiceProcess process;
    private final int httpPort;
    private final int lambdaPort;

    private Peer(ServiceProcess process, int httpPort, int lambdaPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.lambdaPort = lambdaPort;
    }

    static Peer start(Toolchain t) {
        Path dir = t.bench().resolve(".peer");
        install(dir);
        try {
            Files.copy(t.bench().resolve("peer/serverless.yml"), dir.resolve("serverless.yml"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(t.nodeHello(), dir.resolve("handler.js"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        int httpPort = freePort();
        int lambdaPort = freePort();
        List<String> command = List.of(t.node().toString(), "node_modules/serverless/bin/serverless.js", "offline",
                "start", "--noPrependStageInUrl", "--noTimeout", "--useInProcess", "--host", "127.0.0.1",
                "--httpPort", String.valueOf(httpPort), "--lambdaPort", String.valueOf(lambdaPort));
        ServiceProcess p = ServiceProcess.start("serverless-offline", command,
                peerEnv(), dir,
                t.work().resolve("peer.log"), READY, Duration.ofSeconds(60), true);
        return new Peer(p, httpPort, lambdaPort);
    }

    private static Map<String, String> peerEnv() {
        Map<String, String> env = new java.util.HashMap<>(Floor.CLEAN_ENV);
        env.put("SLS_TELEMETRY_DISABLED", "1");
        env.put("SLS_NOTIFICATIONS_MODE", "off");
        return env;
    }

    private static void install(Path dir) {
        if (Files.isDirectory(dir.resolve("node_modules/serverless-offline"))) {
            return;
        }
        System.err.println("bench: installing " + VERSIONS + " from npm into " + dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Command r = Command.run(List.of("sh", "-c", "cd '" + dir + "' && npm install --no-audit --no-fund "
                + "--loglevel=error serverless@3.40.0 serverless-offline@13.10.1"));
        if (r.exit() != 0) {
            throw new IllegalStateException("npm install of the peer failed: " + r.output());
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Endpoint invoke() {
        return new Endpoint("127.0.0.1", lambdaPort, "/2015-03-31/functions/bench-dev-hello/invocations");
    }

    Endpoint http() {
        return new Endpoint("127.0.0.1", httpPort, "/hello");
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
