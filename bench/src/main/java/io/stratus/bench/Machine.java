package io.stratus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the run ran on, read from /proc and the toolchain's binaries. */
record Machine(int cores, String cpuModel, long memoryMb, String kernel, String jdk, String node, String python,
        String commit) {

    static Machine describe(Toolchain t) {
        String cpu = read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        long memKb = read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        String jdk = Command.run(List.of(t.java().toString(), "-version")).output().lines()
                .filter(l -> l.contains("version")).findFirst().orElse("unknown").trim();
        String commit = Command.run(List.of("git", "-C", t.root().toString(), "rev-parse", "--short=12", "HEAD"))
                .output().strip();
        boolean dirty = !Command.run(List.of("git", "-C", t.root().toString(), "status", "--porcelain", "--",
                ".", ":!docs/benchmarks.md")).output().isBlank();
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024,
                read("/proc/sys/kernel/osrelease").strip(), jdk, t.version(t.node(), "--version"),
                t.version(t.python(), "--version"), commit + (dirty ? " (with uncommitted changes)" : ""));
    }

    static String loadAverage() {
        String[] f = read("/proc/loadavg").split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
