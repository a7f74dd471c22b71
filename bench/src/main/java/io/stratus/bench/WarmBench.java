package io.stratus.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Warm measures for one subject at a time: sequential latency over one keep-alive connection (the same
 * {@link KeepAliveClient} for Stratus, floors and peer), then throughput with wrk at each concurrency.
 */
final class WarmBench {

    static final List<Integer> CONCURRENCIES = List.of(1, 8, 64);

    private final BenchOptions options;
    private final LoadRun load;
    private final Results results;
    private final Wrk wrk;

    WarmBench(BenchOptions options, Wrk wrk, Results results) {
        this.options = options;
        this.wrk = wrk;
        this.load = new LoadRun(wrk, options.wrkWarmSeconds(), options.wrkSeconds(), options.maxLoadWarmSeconds(),
                options.loadWarmRequestsPerSandbox());
        this.results = results;
    }

    /**
     * Sequential latency: an unmeasured warm-up, then {@code warmRequests} measured requests. The warm-up is
     * {@link BenchOptions#loadWarmSeconds()} of wrk at concurrency 8, then sequential requests for at least a
     * tenth of the measured count and at least {@link BenchOptions#latencyWarmMillis()}: a JIT (the server's JVM,
     * V8, the Java floor's JVM) compiles the hot path within its first seconds of load, and a count alone left
     * the first subject of a run measuring part of that (C2 compiling on one of the two cores).
     */
    void latency(String subject, Endpoint endpoint) {
        wrk.run(endpoint, 8, options.loadWarmSeconds());
        try (KeepAliveClient client = new KeepAliveClient(endpoint)) {
            long warmUntil = System.nanoTime() + options.latencyWarmMillis() * 1_000_000L;
            client.measure(Math.max(200, options.warmRequests() / 10));
            while (System.nanoTime() < warmUntil) {
                client.measure(200);
            }
            results.latencies.put(subject, client.measure(options.warmRequests()));
        }
    }

    void throughput(String subject, Endpoint endpoint, long servingPid, AtomicLong peakRss,
            IntSupplier liveSandboxes) {
        for (int c : CONCURRENCIES) {
            results.rates.put(Results.rateKey(subject, c), load.measure(endpoint, c, servingPid, peakRss,
                    liveSandboxes));
        }
    }

    /** Stratus: latency through the Invoke API and the HTTP API, one idle sandbox's memory, then throughput. */
    void stratus(BenchRuntime runtime, StratusServer server, StratusSetup setup, Toolchain t) {
        String name = "warm-" + runtime.name().toLowerCase();
        String arn = setup.createFunction(name, runtime.runtimeId(t), runtime.handler(), runtime.zip(t), 30);
        String apiId = setup.createHttpApi(name, arn);
        Set<Long> before = new HashSet<>(ProcessTable.snapshot().sandboxRssByRootPid(server.pid()).keySet());
        Endpoint invoke = server.invoke(name);
        latency("stratus-invoke/" + runtime, invoke);
        latency("stratus-http/" + runtime, server.endpoint("/execute-api/" + apiId + "/hello"));
        recordIdleSandboxRss(runtime, server, before);
        AtomicLong peak = new AtomicLong();
        throughput("stratus-invoke/" + runtime, invoke, server.pid(), peak, () -> server.sandboxes(name));
        results.serverLoadRssBytes = Math.max(results.serverLoadRssBytes, peak.get());
        setup.deleteFunction(name);
    }

    /** After a second of idleness, the resident memory of the sandbox(es) this function started, per sandbox. */
    private void recordIdleSandboxRss(BenchRuntime runtime, StratusServer server, Set<Long> sandboxesBefore) {
        StratusSetup.sleep(1000);
        Map<Long, Long> now = ProcessTable.snapshot().sandboxRssByRootPid(server.pid());
        List<Long> fresh = now.entrySet().stream().filter(e -> !sandboxesBefore.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        if (fresh.isEmpty()) {
            results.missing.put("sandbox-rss/" + runtime, "no sandbox process under a uid ≥ 900000 was found "
                    + "(process isolation mode?)");
            return;
        }
        results.sandboxRssBytes.put(runtime, fresh.stream().mapToLong(Long::longValue).sum() / fresh.size());
    }

    void floor(BenchRuntime runtime, Floor floor) {
        try (ServiceProcess server = floor.startServer(runtime)) {
            Endpoint endpoint = Floor.endpoint(server);
            latency("floor/" + runtime, endpoint);
            results.idleRssBytes.put("floor/" + runtime, LoadRun.rss(server.pid()));
            throughput("floor/" + runtime, endpoint, server.pid(), new AtomicLong(), () -> -1);
        }
    }

    void peer(Toolchain t) {
        try (Peer peer = Peer.start(t)) {
            latency("peer-invoke", peer.invoke());
            latency("peer-http", peer.http());
            results.idleRssBytes.put("peer", LoadRun.rss(peer.pid()));
            throughput("peer-invoke", peer.invoke(), peer.pid(), new AtomicLong(), () -> -1);
            throughput("peer-http", peer.http(), peer.pid(), new AtomicLong(), () -> -1);
        }
    }
}
