package io.stratus.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts: {@code n} fresh functions per runtime, each invoked once, so every measured invoke finds no sandbox.
 * The client times request to response over an open keep-alive connection; {@code X-Amz-Log-Type: Tail} returns the
 * REPORT line, whose Init Duration (sandbox start until the runtime's first {@code next}) and Duration (the
 * invocation inside the runtime) split the total; the rest is platform time outside both.
 */
final class ColdStartBench {

    private static final Pattern DURATION = Pattern.compile("\\tDuration: ([0-9.]+) ms");
    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");
    /** A pause between cold starts, so each one meets an idle server as a real first request would. */
    private static final long PAUSE_MS = 200;

    private final StratusServer server;
    private final StratusSetup setup;
    private final Toolchain toolchain;

    ColdStartBench(StratusServer server, StratusSetup setup, Toolchain toolchain) {
        this.server = server;
        this.setup = setup;
        this.toolchain = toolchain;
    }

    Results.ColdStart run(BenchRuntime runtime, int n) {
        byte[] zip = runtime.zip(toolchain);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "cold-" + runtime.name().toLowerCase() + "-" + i;
            setup.createFunction(name, runtime.runtimeId(toolchain), runtime.handler(), zip, 30);
            names.add(name);
        }
        double[] total = new double[n];
        double[] init = new double[n];
        double[] duration = new double[n];
        double[] platform = new double[n];
        try (KeepAliveClient client = new KeepAliveClient(server.endpoint("/"), Map.of("X-Amz-Log-Type", "Tail"))) {
            client.get("/_stratus/sandboxes"); // opens the connection outside the measurement
            for (int i = 0; i < n; i++) {
                StratusSetup.sleep(PAUSE_MS);
                String path = server.invoke(names.get(i)).path();
                long start = System.nanoTime();
                KeepAliveClient.Response r = client.post(path);
                total[i] = (System.nanoTime() - start) / 1e6;
                String report = report(r, names.get(i));
                init[i] = number(INIT, report, names.get(i));
                duration[i] = number(DURATION, report, names.get(i));
                platform[i] = total[i] - init[i] - duration[i];
            }
        } finally {
            names.forEach(setup::deleteFunction);
        }
        return new Results.ColdStart(Samples.ofMillis(total), Samples.ofMillis(init), Samples.ofMillis(duration),
                Samples.ofMillis(platform));
    }

    private static String report(KeepAliveClient.Response r, String name) {
        if (r.status() != 200 || r.headers().containsKey("x-amz-function-error")) {
            throw new IllegalStateException("cold invoke of " + name + " failed: " + r.status() + " " + r.body());
        }
        String tail = new String(Base64.getDecoder().decode(r.headers().getOrDefault("x-amz-log-result", "")),
                StandardCharsets.UTF_8);
        return tail.lines().filter(l -> l.startsWith("REPORT")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no REPORT line for " + name + " in: " + tail));
    }

    private static double number(Pattern p, String report, String name) {
        Matcher m = p.matcher(report);
        if (!m.find()) {
            throw new IllegalStateException("REPORT of " + name + " lacks " + p + ": " + report);
        }
        return Double.parseDouble(m.group(1));
    }
}
