package io.stratus.bench;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Warm measures: sequential latency over one keep-alive connection per subject (the same {@link KeepAliveClient}
 * for Stratus, floors and peer), each runtime's subjects in turns, then throughput with wrk at each concurrency.
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

    /** How many turns an interleaved latency measure takes; each measures an equal share of a subject's requests. */
    private static final int TURNS = 10;
    /**
     * Unmeasured requests that open each subject's turn. A subject has been idle during the other subjects' turns,
     * and on this kind of machine the first requests after even a short pause are far slower than the steady
     * state (after 0.7 s idle, by hand: the bare Node.js server's first request 0.78 ms against 0.018 ms, Stratus's
     * first 1.8 ms and its next ones recovering over about 50 requests, one wake-up per hop paying for it), which
     * a continuous sequential run does not have.
     */
    static final int TURN_LEAD_IN = 50;

    /**
     * Sequential latency of several subjects measured in turns. Each gets an unmeasured warm-up first:
     * {@link BenchOptions#loadWarmSeconds()} of wrk at concurrency 8, then sequential requests for at least a
     * tenth of the measured count and at least {@link BenchOptions#latencyWarmMillis()} (a JIT — the server's
     * JVM, V8, the Java floor's JVM — compiles the hot path within its first seconds of load, and a count alone
     * left the first subject of a run measuring part of that). Then {@code warmRequests} measured requests each,
     * in {@link #TURNS} turns of a tenth, one subject after the other, each on its own keep-alive connection: this
     * machine's speed changes from minute to minute (a bare server's p50 was 0.035 ms in one run and 0.097 ms in
     * another), so subjects measured minutes apart were compared under different machines. Each turn opens with
     * {@link #TURN_LEAD_IN} unmeasured requests, so the pause between a subject's turns is not measured.
     */
    void latencies(Map<String, Endpoint> subjects) {
        Map<String, KeepAliveClient> clients = new LinkedHashMap<>();
        Map<String, long[]> samples = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Endpoint> subject : subjects.entrySet()) {
                wrk.run(subject.getValue(), 8, options.loadWarmSeconds());
                try (KeepAliveClient client = new KeepAliveClient(subject.getValue())) {
                    long warmUntil = System.nanoTime() + options.latencyWarmMillis() * 1_000_000L;
                    client.measure(Math.max(200, options.warmRequests() / 10));
                    while (System.nanoTime() < warmUntil) {
                        client.measure(200);
                    }
                }
            }
            // The measuring connections open only now: a server may close a connection idle for 5 s (Node's
            // default), and the other subjects' warm-ups take longer than that.
            for (Map.Entry<String, Endpoint> subject : subjects.entrySet()) {
                KeepAliveClient client = new KeepAliveClient(subject.getValue());
                clients.put(subject.getKey(), client);
                client.measure(200);
            }
            int perTurn = Math.max(1, options.warmRequests() / TURNS);
            clients.keySet().forEach(subject -> samples.put(subject, new long[perTurn * TURNS]));
            for (int turn = 0; turn < TURNS; turn++) {
                for (Map.Entry<String, KeepAliveClient> subject : clients.entrySet()) {
                    subject.getValue().measure(TURN_LEAD_IN);
                    long[] these = subject.getValue().measure(perTurn).sortedNanos();
                    System.arraycopy(these, 0, samples.get(subject.getKey()), turn * perTurn, perTurn);
                }
            }
            samples.forEach((subject, nanos) -> results.latencies.put(subject, Samples.of(nanos)));
        } finally {
            clients.values().forEach(KeepAliveClient::close);
        }
    }

    void throughput(String subject, Endpoint endpoint, long servingPid, AtomicLong peakRss,
            IntSupplier liveSandboxes) {
        for (int c : CONCURRENCIES) {
            results.rates.put(Results.rateKey(subject, c), load.measure(endpoint, c, servingPid, peakRss,
                    liveSandboxes));
        }
    }

    /**
     * Stratus: latency through the Invoke API and the HTTP API, measured in turns with its language's bare server
     * (and for Node.js the peer's two front doors), one idle sandbox's memory, then throughput.
     */
    void stratus(BenchRuntime runtime, StratusServer server, StratusSetup setup, Toolchain t, Floor floor) {
        String name = "warm-" + runtime.name().toLowerCase();
        String arn = setup.createFunction(name, runtime.runtimeId(t), runtime.handler(), runtime.zip(t), 30);
        String apiId = setup.createHttpApi(name, arn);
        Set<Long> before = new HashSet<>(ProcessTable.snapshot().sandboxRssByRootPid(server.pid()).keySet());
        Endpoint invoke = server.invoke(name);
        Map<String, Endpoint> subjects = new LinkedHashMap<>();
        subjects.put("stratus-invoke/" + runtime, invoke);
        subjects.put("stratus-http/" + runtime, server.endpoint("/execute-api/" + apiId + "/hello"));
        ServiceProcess floorServer = null;
        Peer peer = null;
        try {
            if (runtime == runtime.floor()) {
                floorServer = started("floor/" + runtime, () -> floor.startServer(runtime));
                if (floorServer != null) {
                    subjects.put("floor/" + runtime, Floor.endpoint(floorServer));
                }
            }
            if (runtime == BenchRuntime.NODE) {
                peer = started("peer-invoke", () -> Peer.start(t));
                if (peer != null) {
                    subjects.put("peer-invoke", peer.invoke());
                    subjects.put("peer-http", peer.http());
                }
            }
            latencies(subjects);
        } finally {
            if (floorServer != null) {
                floorServer.close();
            }
            if (peer != null) {
                peer.close();
            }
        }
        recordIdleSandboxRss(runtime, server, before);
        AtomicLong peak = new AtomicLong();
        throughput("stratus-invoke/" + runtime, invoke, server.pid(), peak, () -> server.sandboxes(name));
        results.serverLoadRssBytes = Math.max(results.serverLoadRssBytes, peak.get());
        setup.deleteFunction(name);
    }

    /** Starts a baseline to measure in turns with Stratus; null (and the reason noted) when it cannot start. */
    private <T> T started(String subject, Supplier<T> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            results.missing.put(subject, "could not start: " + e.getMessage());
            return null;
        }
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

    /** A bare server's throughput, and its latency when it was not measured in turns with Stratus. */
    void floor(BenchRuntime runtime, Floor floor) {
        try (ServiceProcess server = floor.startServer(runtime)) {
            Endpoint endpoint = Floor.endpoint(server);
            if (!results.latencies.containsKey("floor/" + runtime)) {
                latencies(Map.of("floor/" + runtime, endpoint));
            }
            results.idleRssBytes.put("floor/" + runtime, LoadRun.rss(server.pid()));
            throughput("floor/" + runtime, endpoint, server.pid(), new AtomicLong(), () -> -1);
        }
    }

    void peer(Toolchain t) {
        try (Peer peer = Peer.start(t)) {
            if (!results.latencies.containsKey("peer-invoke")) {
                Map<String, Endpoint> subjects = new LinkedHashMap<>();
                subjects.put("peer-invoke", peer.invoke());
                subjects.put("peer-http", peer.http());
                latencies(subjects);
            }
            results.idleRssBytes.put("peer", LoadRun.rss(peer.pid()));
            throughput("peer-invoke", peer.invoke(), peer.pid(), new AtomicLong(), () -> -1);
            throughput("peer-http", peer.http(), peer.pid(), new AtomicLong(), () -> -1);
        }
    }
}
