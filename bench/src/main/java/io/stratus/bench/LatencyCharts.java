package io.stratus.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The run's latency distributions as pictures, one per runtime, written beside the page in {@code benchmarks/}:
 * Stratus's Invoke API and HTTP API, the runtime's bare server and, for Node.js, the peer's two front doors.
 */
final class LatencyCharts {

    /** Folder of the pictures, beside the page and named after it. */
    static final String FOLDER = "benchmarks";

    private static final Color STRATUS = new Color(31, 119, 180);
    private static final Color FLOOR = new Color(60, 60, 60);
    private static final Color PEER = new Color(230, 120, 20);

    private LatencyCharts() {
    }

    /**
     * Draws what was measured. Returns, per runtime, the picture's path relative to the page; a runtime whose
     * picture could not be drawn is recorded in {@code results} as missing and left out.
     */
    static Map<BenchRuntime, String> write(Results results, Path page) {
        Map<BenchRuntime, String> written = new LinkedHashMap<>();
        for (BenchRuntime rt : BenchRuntime.values()) {
            List<LatencyChart.Line> lines = new ArrayList<>();
            add(lines, results.latency("stratus-invoke/" + rt), "Stratus Invoke API", STRATUS, false);
            add(lines, results.latency("stratus-http/" + rt), "Stratus HTTP API", STRATUS, true);
            add(lines, results.latency("floor/" + rt.floor()), "floor: bare " + rt.floor().label + " server",
                    FLOOR, false);
            if (rt == BenchRuntime.NODE) {
                add(lines, results.latency("peer-invoke"), "serverless-offline Invoke API", PEER, false);
                add(lines, results.latency("peer-http"), "serverless-offline httpApi", PEER, true);
            }
            if (lines.isEmpty()) {
                continue;
            }
            String relative = FOLDER + "/latency-" + rt.name().toLowerCase(Locale.ROOT) + ".png";
            Path file = page.toAbsolutePath().getParent().resolve(relative);
            try {
                LatencyChart.write("Warm latency, " + rt.label, lines, file);
                written.put(rt, relative);
            } catch (IOException | RuntimeException | Error e) {
                // A JDK without fonts or image writers (a minimal install) still gets the tables.
                results.missing.put("chart/" + rt, "latency chart not drawn: " + e);
            }
        }
        return written;
    }

    private static void add(List<LatencyChart.Line> lines, Optional<Samples> samples, String label, Color color,
                            boolean dashed) {
        samples.ifPresent(s -> lines.add(new LatencyChart.Line(label, s, color, dashed)));
    }
}
