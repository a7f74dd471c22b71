package io.stratus.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The throughput load generator: wrk with bench/wrk-post.lua (POST of the bench event, one summary line with
 * p99.9). Used unchanged for Stratus, floors and the peer.
 */
final class Wrk {

    /** What one wrk run printed. */
    record Result(long requests, double seconds, long errors) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private static final Pattern SUMMARY = Pattern.compile(
            "BENCH requests=(\\d+) duration_us=(\\d+) errors=(\\d+)");

    private final Path script;

    Wrk(Path script) {
        this.script = script;
    }

    /** Installs wrk from the Debian archive when it is missing (the bench runs as root on Debian hosts). */
    static void ensureInstalled() {
        if (Command.run(List.of("sh", "-c", "command -v wrk")).exit() == 0) {
            return;
        }
        System.err.println("bench: wrk is missing; installing it with apt-get");
        if (Command.run(List.of("apt-get", "install", "-y", "wrk")).exit() != 0) {
            Command.run(List.of("apt-get", "update"));
            Command r = Command.run(List.of("apt-get", "install", "-y", "wrk"));
            if (r.exit() != 0) {
                throw new IllegalStateException("cannot install wrk: " + r.output());
            }
        }
    }

    Result run(Endpoint endpoint, int connections, int seconds) {
        int threads = Math.min(2, connections);
        Command r = Command.run(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s",
                "-s", script.toString(), endpoint.uri().toString()));
        Matcher m = SUMMARY.matcher(r.output());
        if (r.exit() != 0 || !m.find()) {
            throw new IllegalStateException("wrk against " + endpoint.uri() + " failed: " + r.output());
        }
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6, Long.parseLong(m.group(3)));
    }
}
