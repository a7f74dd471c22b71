package io.stratus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets, stated as ratios to the floors and the peer, each judged MET / NOT MET on this run's
 * figures only (NOT MEASURED when a figure is missing). Rewritten on every run.
 */
final class TargetCheck {

    private static final double COLLAPSE_FRACTION = 0.8;

    private final Results r;
    private final List<String[]> rows = new ArrayList<>();

    TargetCheck(Results results) {
        this.r = results;
    }

    String render() {
        for (BenchRuntime rt : BenchRuntime.values()) {
            warmP50(rt);
        }
        for (BenchRuntime rt : BenchRuntime.values()) {
            throughputAt8(rt);
        }
        for (BenchRuntime rt : BenchRuntime.values()) {
            noCollapse(rt);
        }
        betterThanPeer();
        coldStart(BenchRuntime.NODE);
        coldStart(BenchRuntime.PYTHON);
        coldStart(BenchRuntime.JAVA);
        StringBuilder md = new StringBuilder("## Targets (issue 7) in this run\n\n"
                + "| target | figure in this run | result |\n|---|---|---|\n");
        rows.forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
        md.append("\n\"No collapse\" is read as: throughput at c=64 at least ")
                .append((int) (COLLAPSE_FRACTION * 100)).append("% of c=8, with no errors. The `provided` function's "
                        + "floor is the bare Node server (its handler is Node's). Cold-start targets compare "
                        + "medians.\n\n");
        return md.toString();
    }

    private void warmP50(BenchRuntime rt) {
        Optional<Double> delta = BenchmarkReport.both(r.latency("stratus-invoke/" + rt),
                        r.latency("floor/" + rt.floor()))
                .map(p -> p.a().medianMs() - p.b().medianMs());
        add("warm p50 via Invoke API within 0.1 ms of floor — " + rt.label,
                delta.map(d -> fmt("Stratus − floor = %.3f ms", d)), delta.map(d -> d <= 0.1));
    }

    private void throughputAt8(BenchRuntime rt) {
        Optional<Double> ratio = BenchmarkReport.both(r.rate("stratus-invoke/" + rt, 8),
                        r.rate("floor/" + rt.floor(), 8))
                .map(p -> p.a().requestsPerSecond() / p.b().requestsPerSecond());
        add("throughput at c=8 ≥ 0.2× bare server — " + rt.label, ratio.map(x -> fmt("%.2f×", x)),
                ratio.map(x -> x >= 0.2));
    }

    private void noCollapse(BenchRuntime rt) {
        Optional<BenchmarkReport.Pair<Results.Rate, Results.Rate>> p = BenchmarkReport.both(
                r.rate("stratus-invoke/" + rt, 8), r.rate("stratus-invoke/" + rt, 64));
        add("no collapse at c=64 — " + rt.label,
                p.map(x -> fmt("c=64 / c=8 = %.2f×", x.b().requestsPerSecond() / x.a().requestsPerSecond())
                        + ", " + x.b().errors() + " errors"),
                p.map(x -> x.b().requestsPerSecond() >= COLLAPSE_FRACTION * x.a().requestsPerSecond()
                        && x.b().errors() == 0));
    }

    /** Latency percentiles (lower is better) and throughput (higher is better), Stratus Node vs the peer. */
    private void betterThanPeer() {
        List<String> worse = new ArrayList<>();
        int compared = 0;
        boolean missing = false;
        String[][] pairs = {{"stratus-invoke/NODE", "peer-invoke"}, {"stratus-http/NODE", "peer-http"}};
        for (String[] pair : pairs) {
            for (double pct : new double[] {50, 90, 99, 99.9}) {
                var both = BenchmarkReport.both(r.latency(pair[0]), r.latency(pair[1]));
                missing |= both.isEmpty();
                if (both.isPresent()) {
                    compared++;
                    if (both.get().a().percentileMs(pct) >= both.get().b().percentileMs(pct)) {
                        String api = pair[0].startsWith("stratus-http") ? "HTTP" : "Invoke";
                        worse.add(api + " p" + (pct == 99.9 ? "99.9" : String.valueOf((int) pct)));
                    }
                }
            }
        }
        for (int c : WarmBench.CONCURRENCIES) {
            var both = BenchmarkReport.both(r.rate("stratus-invoke/NODE", c), r.rate("peer-invoke", c));
            missing |= both.isEmpty();
            if (both.isPresent()) {
                compared++;
                if (both.get().a().requestsPerSecond() <= both.get().b().requestsPerSecond()) {
                    worse.add("throughput c=" + c);
                }
            }
        }
        String figure = (compared - worse.size()) + " of " + compared + " better"
                + (worse.isEmpty() ? "" : "; not better: " + String.join(", ", worse));
        add("every warm figure better than serverless-offline (Node only)",
                compared == 0 ? Optional.empty() : Optional.of(figure + (missing ? "; some figures missing" : "")),
                compared == 0 ? Optional.empty() : Optional.of(worse.isEmpty() && !missing));
    }

    private void coldStart(BenchRuntime rt) {
        var both = BenchmarkReport.both(Optional.ofNullable(r.coldStarts.get(rt)),
                Optional.ofNullable(r.coldFloors.get(rt)));
        if (rt == BenchRuntime.JAVA) {
            Optional<Double> ratio = both.map(p -> p.a().total().medianMs() / p.b().medianMs());
            add("cold start within 1.5× of the JVM floor — Java", ratio.map(x -> fmt("%.2f×", x)),
                    ratio.map(x -> x <= 1.5));
        } else {
            Optional<Double> delta = both.map(p -> p.a().total().medianMs() - p.b().medianMs());
            add("cold start within 20 ms of the interpreter floor — " + rt.label,
                    delta.map(d -> fmt("Stratus − floor = %.1f ms", d)), delta.map(d -> d <= 20));
        }
    }

    private void add(String target, Optional<String> figure, Optional<Boolean> met) {
        rows.add(new String[] {target, figure.orElse("—"),
                met.map(m -> m ? "**MET**" : "**NOT MET**").orElse("NOT MEASURED")});
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
