package io.stratus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * {@code ./stratus bench}: one command, one fresh server, every measure of docs/benchmarks.md in one run.
 * Order: cold starts first (a quiet server), then warm latency and throughput per subject, then scale-out (which
 * leaves hundreds of sandboxes behind until they are retired). A measure that fails is recorded with its reason and
 * the run goes on, so the page always says what was and was not measured.
 */
public final class Bench {

    private final BenchOptions options;
    private final Results results = new Results();

    private Bench(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options = BenchOptions.parse(args);
        new Bench(options).run(args);
    }

    private void run(String[] args) {
        long startNanos = System.nanoTime();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Toolchain t = Toolchain.discover(options.root());
        Wrk.ensureInstalled();
        Wrk wrk = new Wrk(t.bench().resolve("wrk-post.lua"));
        String loadBefore = Machine.loadAverage();
        Machine machine = Machine.describe(t); // at the start: the commit measured is the one checked out now
        progress("toolchain: node " + t.node() + ", python " + t.python() + ", java " + t.java() + "; work dir "
                + t.work());
        Floor floor = new Floor(t);
        WarmBench warm = new WarmBench(options, wrk, results);
        try (StratusServer server = StratusServer.start(t, 1000, 65_536);
             StratusSetup setup = new StratusSetup(server)) {
            progress("Stratus ready on " + server.url() + " (pid " + server.pid() + ")");
            awaitQuietServer(server);
            results.serverIdleRssBytes = LoadRun.rss(server.pid());
            ColdStartBench cold = new ColdStartBench(server, setup, t);
            for (BenchRuntime rt : BenchRuntime.values()) {
                attempt("cold/" + rt, () -> results.coldStarts.put(rt, cold.run(rt, options.coldStarts())));
                if (rt == rt.floor()) {
                    attempt("cold-floor/" + rt, () -> results.coldFloors.put(rt, floor.coldStarts(rt,
                            options.coldStarts())));
                }
            }
            for (BenchRuntime rt : BenchRuntime.values()) {
                attempt("stratus-invoke/" + rt, () -> warm.stratus(rt, server, setup, t, floor));
            }
            for (BenchRuntime rt : BenchRuntime.floors()) {
                attempt("floor/" + rt, () -> warm.floor(rt, floor));
            }
            attempt("peer-invoke", () -> warm.peer(t));
            ScaleOutBench scale = new ScaleOutBench(server, setup, t);
            for (int n : options.scaleTargets()) {
                attempt("scale/" + n, () -> results.scaleOuts.put(n, scale.run(n)));
            }
            if (!options.scaleTargets().contains(200)) {
                results.missing.put("scale/200", "skipped by --quick (scale-out to 50 only)");
            }
        }
        String minutes = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 60e9);
        String command = commandLine(args);
        BenchmarkReport.RunInfo run = new BenchmarkReport.RunInfo(machine, started.toString(), command,
                System.getenv().getOrDefault("STRATUS_BENCH_NOTE", ""), loadBefore, Machine.loadAverage(),
                options.coldStarts(), options.warmRequests(), options.wrkSeconds(), minutes);
        write(new BenchmarkReport(results, LatencyCharts.write(results, options.out())).render(run));
        Floor.deleteQuietly(t.work());
        progress("wrote " + options.out() + " in " + minutes + " min");
    }

    /** The command as a user types it: without the --root the launcher adds. */
    private static String commandLine(String[] args) {
        StringBuilder command = new StringBuilder("./stratus bench");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--root")) {
                i++;
            } else {
                command.append(' ').append(args[i]);
            }
        }
        return command.toString();
    }

    /** Runs one measure; a failure is recorded as the reason it is missing, and the run goes on. */
    private void attempt(String key, Runnable measure) {
        progress("measuring " + key);
        try {
            measure.run();
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            results.missing.put(key, "failed: " + reason.replace('|', '/'));
            progress("FAILED " + key + ": " + e);
        }
    }

    /**
     * Waits until the server's start-up background work (Python bytecode, the Java class-data archive) has ended:
     * no child process for two seconds. Measuring earlier would time sandboxes that run without those caches.
     */
    private static void awaitQuietServer(StratusServer server) {
        long deadline = System.nanoTime() + 180_000_000_000L;
        int quietSeconds = 0;
        while (quietSeconds < 2 && System.nanoTime() < deadline) {
            StratusSetup.sleep(1000);
            quietSeconds = ProcessTable.snapshot().tree(server.pid()).size() == 1 ? quietSeconds + 1 : 0;
        }
    }

    /** The hand-written part of the page, kept from run to run: what each optimisation bought when it was made. */
    static final String CHANGE_LOG_HEADING = "## What each change bought";

    private void write(String markdown) {
        try {
            Files.createDirectories(options.out().getParent());
            String changeLog = "";
            if (Files.exists(options.out())) {
                String previous = Files.readString(options.out());
                int at = previous.indexOf("\n" + CHANGE_LOG_HEADING);
                changeLog = at < 0 ? "" : previous.substring(at);
            }
            Files.writeString(options.out(), markdown + changeLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + options.out(), e);
        }
    }

    static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
