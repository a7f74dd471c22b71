package io.stratus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Scale-out from zero: a fresh Node function that records when its handler started (epoch ms) and then holds its
 * sandbox for {@value #HOLD_MS} ms gets {@code n} invokes at once. Since each held invoke occupies its own sandbox,
 * the n-th handler start is the moment n sandboxes were serving; the host and the sandboxes share one clock.
 *
 * <p>The hold is longer than starting 200 sandboxes takes here (about 8 s on 2 cores): a sandbox that is free
 * again runs an event still waiting for a starting sandbox (docs/runtimes.md, scale-out), so with a shorter hold
 * the first sandboxes would serve the last invokes and fewer than n would ever serve at once.
 */
final class ScaleOutBench {

    static final long HOLD_MS = 15_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StratusServer server;
    private final StratusSetup setup;
    private final Toolchain toolchain;

    ScaleOutBench(StratusServer server, StratusSetup setup, Toolchain toolchain) {
        this.server = server;
        this.setup = setup;
        this.toolchain = toolchain;
    }

    Results.ScaleOut run(int n) {
        String name = "scale-" + n;
        byte[] zip;
        try {
            zip = BenchRuntime.zip(Map.of("index.js",
                    Files.readAllBytes(toolchain.bench().resolve("functions/sleeper/index.js"))), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        setup.createFunction(name, toolchain.nodeRuntime(), "index.handler", zip, 60);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build()) {
            HttpRequest request = HttpRequest.newBuilder(server.invoke(name).uri())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ms\":" + HOLD_MS + "}"))
                    .timeout(Duration.ofSeconds(120)).build();
            long t0 = System.currentTimeMillis();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            double allServed = System.currentTimeMillis() - t0;
            return summarize(n, t0, allServed, calls.stream().map(CompletableFuture::join).toList());
        } finally {
            setup.deleteFunction(name);
        }
    }

    private static Results.ScaleOut summarize(int n, long t0, double allServed, List<HttpResponse<String>> answers) {
        double[] starts = new double[n];
        Set<String> sandboxes = new HashSet<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = answers.get(i);
            if (r.statusCode() != 200 || r.headers().firstValue("x-amz-function-error").isPresent()) {
                throw new IllegalStateException("invoke " + i + " of " + n + " failed: " + r.statusCode() + " "
                        + r.body());
            }
            try {
                JsonNode body = JSON.readTree(r.body());
                starts[i] = body.path("started").asLong() - t0;
                sandboxes.add(body.path("sandbox").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Arrays.sort(starts);
        return new Results.ScaleOut(n, sandboxes.size(), starts[n - 1], starts[(n - 1) / 2], allServed, HOLD_MS);
    }
}
