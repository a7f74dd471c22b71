package io.stratus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A fresh Stratus server for one run: its own data directory, port 0, enough sandbox memory and concurrency for
 * the scale-out measure, and the toolchain's interpreters for every runtime.
 */
final class StratusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern READY = Pattern.compile("Stratus ready on (http://\\S+)");

    private final ServiceProcess process;
    private final String url;

    private StratusServer(ServiceProcess process) {
        this.process = process;
        this.url = process.readyGroup();
    }

    static StratusServer start(Toolchain t, int concurrencyLimit, int sandboxMemoryMb) {
        Path dataDir = t.work().resolve("stratus-data");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(t.java().toString(), "--enable-native-access=ALL-UNNAMED",
                "-jar", t.root().resolve("server/target/stratus-server.jar").toString(), "server",
                "--port", "0", "--data-dir", dataDir.toString(),
                "--concurrency-limit", String.valueOf(concurrencyLimit),
                "--sandbox-memory", String.valueOf(sandboxMemoryMb),
                "--runtime", t.nodeRuntime() + "=" + t.node(),
                "--runtime", t.pythonRuntime() + "=" + t.python(),
                "--runtime", "java21=" + t.java()));
        ServiceProcess p = ServiceProcess.start("stratus", command, System.getenv(), t.root(),
                t.work().resolve("stratus.log"), READY, Duration.ofSeconds(60));
        return new StratusServer(p);
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    Endpoint endpoint(String path) {
        java.net.URI u = java.net.URI.create(url);
        return new Endpoint(u.getHost(), u.getPort(), path);
    }

    Endpoint invoke(String function) {
        return endpoint("/2015-03-31/functions/" + function + "/invocations");
    }

    /** The function's live sandboxes (busy or idle), from GET /_stratus/sandboxes; 0 when it has none. */
    int sandboxes(String function) {
        try (KeepAliveClient client = new KeepAliveClient(endpoint("/"))) {
            String body = client.get("/_stratus/sandboxes").body();
            return JSON.readTree(body).path("Functions").path(function).path("Sandboxes").asInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox counts of " + url, e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
