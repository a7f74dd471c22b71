package io.stratus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders one run's results as docs/benchmarks.md: one table per measure with Stratus, floor, peer and their
 * ratios. A figure that was not measured shows "—" and the reason below its table. Nothing here is computed from
 * anything but this run's {@link Results}.
 */
final class BenchmarkReport {

    /** The warm-up limits of both kinds of run, which the page explains whichever kind wrote it. */
    private static final BenchOptions FULL = BenchOptions.parse(new String[0]);
    private static final BenchOptions QUICK = BenchOptions.parse(new String[] {"--quick"});

    private final Results r;
    /** The latency pictures drawn in this run, relative to the page. */
    private final Map<BenchRuntime, String> charts;
    private final StringBuilder md = new StringBuilder();

    BenchmarkReport(Results results, Map<BenchRuntime, String> charts) {
        this.r = results;
        this.charts = Map.copyOf(charts);
    }

    String render(RunInfo run) {
        header(run);
        md.append(new TargetCheck(r).render());
        coldStarts();
        latency();
        throughput();
        scaleOut();
        memory();
        return md.toString();
    }

    /** Where and how this run happened. */
    record RunInfo(Machine machine, String started, String command, String note, String loadBefore,
            String loadAfter, int coldStarts, int warmRequests, int wrkSeconds, String minutes) {
    }

    private void header(RunInfo run) {
        Machine m = run.machine();
        md.append("# Benchmarks\n\n")
                .append("Written by `").append(run.command()).append("` (see `bench/README.md`); every figure below "
                        + "was measured in that one run. Re-running the command rewrites this whole page, the "
                        + "targets section included, except the hand-written log at the end (" + Bench.CHANGE_LOG_HEADING
                        .substring(3) + ").\n\n");
        if (!run.note().isBlank()) {
            md.append("> **").append(run.note()).append("**\n\n");
        }
        md.append("| | |\n|---|---|\n")
                .append(row("date (UTC)", run.started()))
                .append(row("git commit", m.commit()))
                .append(row("command", "`" + run.command() + "` (" + run.minutes() + " min)"))
                .append(row("machine", m.cores() + " cores, " + m.cpuModel() + ", " + m.memoryMb() + " MB RAM, Linux "
                        + m.kernel()))
                .append(row("load average (1/5/15 min) before / after", run.loadBefore() + " / " + run.loadAfter()))
                .append(row("JDK (server, Java functions, Java floor)", m.jdk()))
                .append(row("Node.js / Python", m.node() + " / " + m.python()))
                .append(row("sample sizes", run.coldStarts() + " cold starts per runtime; " + run.warmRequests()
                        + " sequential requests per latency subject; " + run.wrkSeconds()
                        + " s of wrk per throughput point"))
                .append('\n');
        md.append("""
                How it measures:
                - **Handler**: the hello-world handler, the same file everywhere: `it/src/test/resources/functions/\
                node/hello/index.js`, `…/python/hello/lambda_function.py`, `example.Hello` from \
                `test-functions/java-hello`. The `provided` function is that Node handler behind a custom runtime \
                written with Node's `http` module (`bench/functions/provided-hello/`), so its floors are Node's.
                - **Floors** (`bench/floor/`): warm, the handler called by a bare HTTP server in its language (Node \
                `http.createServer`, a minimal Python asyncio server, the JDK's `com.sun.net.httpserver` with the \
                JSON mapper of Stratus's Java runtime and the sandbox's JVM flags); cold, the interpreter started to \
                load the handler and exit. Same interpreter binaries as Stratus (`--runtime id=path`).
                - **Server**: a fresh `./stratus server --port 0` with its own temporary data directory, \
                `--sandbox-memory 65536 --concurrency-limit 1000` (room for the scale-out), default keep-alive; \
                functions have 128 MB. Measuring starts once its start-up caches are built (no child process for 2 s).
                - **Peer**: %s, serving the Node handler through its Lambda Invoke API and its `httpApi` \
                emulation. It runs Node handlers only, so it is compared on Node only.
                - **Sequential latency**: our own client (`KeepAliveClient`), plain HTTP/1.1 on one keep-alive socket, \
                every sample kept and sorted (nearest-rank percentiles), after an unmeasured warm-up (8 s of wrk \
                at 8 connections, then sequential requests: a tenth as many and at least 3 s; 3 s and 1 s with \
                `--quick`), so that the JITs (the server's JVM, V8, the Java floor's JVM) have compiled the hot \
                path. \
                The same client for Stratus, floors and peer. Each runtime's subjects (Stratus Invoke API and HTTP \
                API, its bare server, for Node.js the peer's two front doors) are measured in turns, 10 turns of a \
                tenth of the requests, one subject after the other, so that the machine's speed, which changes \
                from minute to minute here, is the same for all of them; each turn opens with %d unmeasured \
                requests, because the first requests after the subject's pause are far slower than its steady \
                state (by hand, after 0.7 s idle: the bare Node.js server's first request 0.78 ms, Stratus's 1.8 \
                ms). The `provided` function is compared with the Node.js floor measured in the Node.js turns.
                - **Throughput**: `wrk` (`bench/wrk-post.lua`, POST of the same event) with 1, 8, 64 connections \
                (2 threads; 1 at c=1) after an unmeasured warm-up at the same concurrency. CPU per request: \
                utime+stime (and reaped children's) of the serving process and all its descendants — for Stratus \
                the server and every sandbox — from `/proc/PID/stat`, 10 ms ticks, over the measured part. wrk \
                itself runs on the same 2 cores.
                - **Cold start split**: the client times request → response for a function that has never run (a \
                fresh function per sample). The REPORT line gives *Init Duration* (sandbox launch until the \
                runtime's first `next`: namespace setup, interpreter start, runtime client, handler load, as one \
                figure) and *Duration* (the invocation inside the runtime). *Platform* is the rest: request \
                handling, placement, spawning the sandbox before its launch clock starts, hand-offs and the \
                response. Process start is not separable from the rest of init from outside the sandbox; the cold \
                floor (interpreter start + handler load, no platform) is the honest estimate of that share.

                """.formatted(Peer.VERSIONS, WarmBench.TURN_LEAD_IN));
    }

    private void coldStarts() {
        md.append("## Cold start (invoke → response, function without a sandbox)\n\n")
                .append("| runtime | Stratus median | Stratus p90 | Init Duration median | Init − floor (median) "
                        + "| platform median | Duration median | floor median | floor p90 | Stratus − floor (median) "
                        + "| Stratus / floor (median) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<String> notes = new ArrayList<>();
        for (BenchRuntime rt : BenchRuntime.values()) {
            Optional<Results.ColdStart> c = Optional.ofNullable(r.coldStarts.get(rt));
            Optional<Samples> f = Optional.ofNullable(r.coldFloors.get(rt.floor()));
            md.append("| ").append(rt.label).append(" | ")
                    .append(ms(c.map(x -> x.total().medianMs()), 1)).append(" | ")
                    .append(ms(c.map(x -> x.total().percentileMs(90)), 1)).append(" | ")
                    .append(ms(c.map(x -> x.init().medianMs()), 1)).append(" | ")
                    .append(ms(both(c, f).map(p -> p.a().init().medianMs() - p.b().medianMs()), 1)).append(" | ")
                    .append(ms(c.map(x -> x.platform().medianMs()), 1)).append(" | ")
                    .append(ms(c.map(x -> x.duration().medianMs()), 2)).append(" | ")
                    .append(ms(f.map(Samples::medianMs), 1)).append(" | ")
                    .append(ms(f.map(x -> x.percentileMs(90)), 1)).append(" | ")
                    .append(ms(both(c, f).map(p -> p.a().total().medianMs() - p.b().medianMs()), 1)).append(" | ")
                    .append(ratio(both(c, f).map(p -> p.a().total().medianMs() / p.b().medianMs()))).append(" |\n");
            if (c.isEmpty()) {
                notes.add(rt.label + " (Stratus): " + r.why("cold/" + rt));
            }
            if (f.isEmpty() && rt == rt.floor()) {
                notes.add(rt.label + " (floor): " + r.why("cold-floor/" + rt));
            }
        }
        notes(notes, "Platform = client total − Init Duration − Duration, per invocation, then the median. "
                + "Init − floor estimates what init spends beyond starting the interpreter and loading the handler "
                + "(the floor): sandbox set-up (namespaces, cgroup, mounts, user switch) and the runtime client. "
                + "Node.js, Python and Java sandboxes adopt a pre-started runtime (`--runtime-spares`, default 1 per "
                + "runtime, and for Java per memory size, in use; `docs/runtimes.md`) when one is ready: every "
                + "sample but the first of a runtime does, since the samples are 200 ms apart and a spare is "
                + "replaced in time (about 100 ms for Node.js and Python; a JVM takes longer, still under 200 ms "
                + "here). For them Init Duration counts from the adoption, so interpreter start-up is not in it and "
                + "Stratus can be below the floor, which starts an interpreter every time. Custom runtimes always "
                + "start their own process.");
    }

    private void latency() {
        md.append("## Warm latency, sequential (concurrency 1)\n\n")
                .append("| subject | requests | p50 | p90 | p99 | p99.9 |\n|---|---|---|---|---|---|\n");
        List<String> subjects = new ArrayList<>();
        for (BenchRuntime rt : BenchRuntime.values()) {
            subjects.addAll(List.of("stratus-invoke/" + rt, "stratus-http/" + rt));
            if (rt == rt.floor()) {
                subjects.add("floor/" + rt);
            }
        }
        subjects.addAll(List.of("peer-invoke", "peer-http"));
        List<String> notes = new ArrayList<>();
        for (String s : subjects) {
            Optional<Samples> l = r.latency(s);
            md.append("| ").append(Subjects.label(s)).append(" | ").append(l.map(x -> "" + x.count()).orElse("—"));
            for (double p : new double[] {50, 90, 99, 99.9}) {
                md.append(" | ").append(ms(l.map(x -> x.percentileMs(p)), 3));
            }
            md.append(" |\n");
            if (l.isEmpty()) {
                notes.add(Subjects.label(s) + ": " + r.why(s));
            }
        }
        notes(notes, "Milliseconds.");
        md.append("| runtime | Invoke p50 − floor p50 | Invoke p50 / floor | Invoke p99 / floor | HTTP API p50 / floor "
                + "| Invoke p50 / peer Invoke | HTTP API p50 / peer HTTP |\n|---|---|---|---|---|---|---|\n");
        for (BenchRuntime rt : BenchRuntime.values()) {
            Optional<Samples> inv = r.latency("stratus-invoke/" + rt);
            Optional<Samples> http = r.latency("stratus-http/" + rt);
            Optional<Samples> floor = r.latency("floor/" + rt.floor());
            boolean node = rt == BenchRuntime.NODE;
            md.append("| ").append(rt.label).append(" | ")
                    .append(ms(both(inv, floor).map(p -> p.a().medianMs() - p.b().medianMs()), 3)).append(" | ")
                    .append(ratio(both(inv, floor).map(p -> p.a().medianMs() / p.b().medianMs()))).append(" | ")
                    .append(ratio(both(inv, floor).map(p -> p.a().percentileMs(99) / p.b().percentileMs(99))))
                    .append(" | ")
                    .append(ratio(both(http, floor).map(p -> p.a().medianMs() / p.b().medianMs()))).append(" | ")
                    .append(node ? ratio(both(inv, r.latency("peer-invoke"))
                            .map(p -> p.a().medianMs() / p.b().medianMs())) : "n/a (peer is Node only)").append(" | ")
                    .append(node ? ratio(both(http, r.latency("peer-http"))
                            .map(p -> p.a().medianMs() / p.b().medianMs())) : "n/a").append(" |\n");
        }
        md.append("\nRatios below 1 mean Stratus is faster.\n\n");
        latencyCharts();
    }

    private void latencyCharts() {
        md.append("Distributions of the same samples, drawn by this run (latency on a log scale against percentile, "
                + "the percentile axis stretched towards the tail):\n\n");
        for (BenchRuntime rt : BenchRuntime.values()) {
            String chart = charts.get(rt);
            if (chart != null) {
                md.append("![Warm latency, ").append(rt.label).append("](").append(chart).append(")\n");
            } else {
                md.append("- ").append(rt.label).append(": ").append(r.why("chart/" + rt)).append('\n');
            }
        }
        md.append('\n');
    }

    private void throughput() {
        md.append("## Warm throughput (Invoke API; wrk)\n\n")
                .append("| subject | c=1 req/s | c=8 req/s | c=64 req/s | CPU µs/req c=1 | c=8 | c=64 "
                        + "| non-2xx or socket errors | sandboxes at c=1 / 8 / 64 | warm-up s at c=1 / 8 / 64 |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|\n");
        List<String> subjects = new ArrayList<>();
        for (BenchRuntime rt : BenchRuntime.values()) {
            subjects.add("stratus-invoke/" + rt);
            if (rt == rt.floor()) {
                subjects.add("floor/" + rt);
            }
        }
        subjects.addAll(List.of("peer-invoke", "peer-http"));
        List<String> notes = new ArrayList<>();
        for (String s : subjects) {
            md.append("| ").append(Subjects.label(s));
            for (int c : WarmBench.CONCURRENCIES) {
                md.append(" | ").append(num(r.rate(s, c).map(Results.Rate::requestsPerSecond), 0));
            }
            for (int c : WarmBench.CONCURRENCIES) {
                md.append(" | ").append(num(r.rate(s, c).map(Results.Rate::cpuMicrosPerRequest), 0));
            }
            long errors = WarmBench.CONCURRENCIES.stream().mapToLong(c -> r.rate(s, c).map(Results.Rate::errors)
                    .orElse(0L)).sum();
            md.append(" | ").append(errors).append(" | ").append(s.startsWith("stratus") ? String.join(" / ",
                    WarmBench.CONCURRENCIES.stream().map(c -> r.rate(s, c).map(x -> "" + x.sandboxes()).orElse("—"))
                            .toList()) : "n/a").append(" | ").append(String.join(" / ", WarmBench.CONCURRENCIES
                            .stream().map(c -> r.rate(s, c).map(x -> "" + x.warmUpSeconds()).orElse("—")).toList()))
                    .append(" |\n");
            if (r.rate(s, 1).isEmpty()) {
                notes.add(Subjects.label(s) + ": " + r.why(Results.rateKey(s, 1)));
            }
        }
        notes(notes, "The HTTP API path of Stratus is measured for latency only. The peer's HTTP row is its "
                + "`httpApi` emulation. Sandboxes: how many the function had when the measured part began; the "
                + "unmeasured warm-up (the same wrk, in rounds of " + FULL.wrkWarmSeconds() + " s, "
                + QUICK.wrkWarmSeconds() + " s with `--quick`) is repeated "
                + "until the function has as many sandboxes as connections and then until two rounds in a row are each "
                + "within 5% of the round before (at most " + FULL.maxLoadWarmSeconds() + " s, "
                + QUICK.maxLoadWarmSeconds() + " s with `--quick`; every subject the same), and for Stratus until it "
                + "has served " + String.format(Locale.ROOT, "%,d", FULL.loadWarmRequestsPerSandbox())
                + " requests per connection (" + QUICK.loadWarmRequestsPerSandbox() + " with `--quick`; the `provided` "
                + "function's Node.js, with V8's default tier-up, sped up for about 2,000 requests per sandbox), "
                + "so cold starts and JITs still compiling are not counted as throughput. Warm-up s: how long that took. More sandboxes "
                + "than connections means the engine started more than the concurrency required; they are part of "
                + "what is measured.");
        md.append("| runtime | Stratus / floor c=1 | c=8 | c=64 | Stratus / peer Invoke c=1 | c=8 | c=64 "
                + "|\n|---|---|---|---|---|---|---|\n");
        for (BenchRuntime rt : BenchRuntime.values()) {
            md.append("| ").append(rt.label);
            for (int c : WarmBench.CONCURRENCIES) {
                md.append(" | ").append(rateRatio("stratus-invoke/" + rt, "floor/" + rt.floor(), c));
            }
            for (int c : WarmBench.CONCURRENCIES) {
                md.append(" | ").append(rt == BenchRuntime.NODE ? rateRatio("stratus-invoke/" + rt, "peer-invoke", c)
                        : "n/a");
            }
            md.append(" |\n");
        }
        md.append("\nRatios above 1 mean Stratus serves more requests per second.\n\n");
    }

    private void scaleOut() {
        md.append("## Scale-out from zero (Node function holding each invoke ").append(ScaleOutBench.HOLD_MS)
                .append(" ms; N invokes at once)\n\n")
                .append("| N | distinct sandboxes that served | N-th handler start (all N serving) | median handler "
                        + "start | all N answered |\n|---|---|---|---|---|\n");
        List<String> notes = new ArrayList<>();
        for (int n : List.of(50, 200)) {
            Optional<Results.ScaleOut> s = Optional.ofNullable(r.scaleOuts.get(n));
            md.append("| ").append(n).append(" | ").append(s.map(x -> "" + x.distinctSandboxes()).orElse("—"))
                    .append(" | ").append(ms(s.map(Results.ScaleOut::lastStartMs), 0)).append(" | ")
                    .append(ms(s.map(Results.ScaleOut::medianStartMs), 0)).append(" | ")
                    .append(ms(s.map(Results.ScaleOut::allServedMs), 0)).append(" |\n");
            if (s.isEmpty()) {
                notes.add("N = " + n + ": " + r.why("scale/" + n));
            }
        }
        notes(notes, "Times from the moment the invokes were sent (JDK HttpClient, one connection each), in ms; "
                + "handler start times are read from the function's own clock (the host's). No floor or peer: "
                + "neither starts sandboxes.");
    }

    private void memory() {
        md.append("## Memory (resident, from /proc)\n\n| what | Stratus | floor / peer |\n|---|---|---|\n")
                .append("| server, idle after start (JVM, no sandboxes) | ").append(mb(r.serverIdleRssBytes))
                .append(" | peer process, idle after its latency run: ")
                .append(mb(r.idleRssBytes.getOrDefault("peer", 0L))).append(" |\n")
                .append("| server, peak while under wrk load | ").append(mb(r.serverLoadRssBytes)).append(" | |\n");
        List<String> notes = new ArrayList<>();
        for (BenchRuntime rt : BenchRuntime.values()) {
            Long sandbox = r.sandboxRssBytes.get(rt);
            md.append("| one idle warm sandbox, ").append(rt.label).append(" | ")
                    .append(sandbox == null ? "—" : mb(sandbox)).append(" | bare ").append(rt.floor().label)
                    .append(" server: ").append(mb(r.idleRssBytes.getOrDefault("floor/" + rt.floor(), 0L)))
                    .append(" |\n");
            if (sandbox == null) {
                notes.add(rt.label + ": " + r.why("sandbox-rss/" + rt));
            }
        }
        notes(notes, "A sandbox's figure sums the RSS of every process of its tree (the setpriv/unshare "
                + "wrappers, the shell step's exec and the runtime under its uid ≥ 900000), one second after its "
                + "last invocation, after it served the latency runs. Shared pages count in each process. The bare "
                + "Java server has no heap limit (a 128 MB sandbox's JVM gets -XX:MaxHeapSize of 85% of it).");
    }

    private void notes(List<String> notes, String always) {
        md.append('\n').append(always).append('\n');
        notes.forEach(n -> md.append("- Not measured — ").append(n).append('\n'));
        md.append('\n');
    }

    private String rateRatio(String a, String b, int c) {
        return ratio(both(r.rate(a, c), r.rate(b, c)).map(p -> p.a().requestsPerSecond() / p.b().requestsPerSecond()));
    }

    record Pair<A, B>(A a, B b) {
    }

    static <A, B> Optional<Pair<A, B>> both(Optional<A> a, Optional<B> b) {
        return a.isPresent() && b.isPresent() ? Optional.of(new Pair<>(a.get(), b.get())) : Optional.empty();
    }

    static String ms(Optional<Double> v, int decimals) {
        return v.map(x -> String.format(Locale.ROOT, "%." + decimals + "f ms", x)).orElse("—");
    }

    static String num(Optional<Double> v, int decimals) {
        return v.map(x -> String.format(Locale.ROOT, "%,." + decimals + "f", x)).orElse("—");
    }

    static String ratio(Optional<Double> v) {
        return v.map(x -> String.format(Locale.ROOT, "%.2f×", x)).orElse("—");
    }

    static String mb(long bytes) {
        return bytes <= 0 ? "—" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String row(String k, String v) {
        return "| " + k + " | " + v + " |\n";
    }
}
