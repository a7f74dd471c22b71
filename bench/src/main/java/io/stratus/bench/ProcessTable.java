package io.stratus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One snapshot of /proc: parent, CPU ticks, resident pages and uid of every process. CPU of a process tree counts
 * each member's utime+stime plus the cutime+cstime of children it already reaped, so work of sandboxes that
 * ended during a run is not lost.
 */
final class ProcessTable {

    /** One process: ticks are in USER_HZ (100 per second on Linux), rss in pages. */
    record Proc(long pid, long ppid, long cpuTicks, long rssPages, long uid) {
    }

    static final double TICK_MS = 10.0;
    static final long PAGE_BYTES = 4096;
    /** Sandbox processes run under their own uid from 900000 up (namespace isolation). */
    static final long FIRST_SANDBOX_UID = 900_000;

    private final Map<Long, Proc> byPid;

    private ProcessTable(Map<Long, Proc> byPid) {
        this.byPid = byPid;
    }

    static ProcessTable snapshot() {
        Map<Long, Proc> procs = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> read(p).ifPresent(proc -> procs.put(proc.pid(), proc)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return new ProcessTable(procs);
    }

    private static java.util.Optional<Proc> read(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long uid = Files.readAllLines(dir.resolve("status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> Long.parseLong(l.split("\\s+")[1])).findFirst().orElse(-1L);
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return java.util.Optional.of(new Proc(Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[1]),
                    ticks, Long.parseLong(f[21]), uid));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // the process ended while we looked
        }
    }

    /** The process and all its descendants. */
    List<Proc> tree(long rootPid) {
        Map<Long, List<Proc>> children = new HashMap<>();
        byPid.values().forEach(p -> children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p));
        List<Proc> tree = new ArrayList<>();
        ArrayDeque<Long> todo = new ArrayDeque<>(List.of(rootPid));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            Proc p = byPid.get(pid);
            if (p != null) {
                tree.add(p);
            }
            children.getOrDefault(pid, List.of()).forEach(c -> todo.push(c.pid()));
        }
        return tree;
    }

    long treeCpuTicks(long rootPid) {
        return tree(rootPid).stream().mapToLong(Proc::cpuTicks).sum();
    }

    long rssBytes(long pid) {
        Proc p = byPid.get(pid);
        return p == null ? 0 : p.rssPages() * PAGE_BYTES;
    }

    /**
     * The server's sandboxes: for each direct child of the server whose subtree runs under a sandbox uid, that
     * child's pid and the subtree's total resident bytes (setpriv/unshare wrappers included: they are part of the
     * sandbox). Keyed by pid, not uid: a retired sandbox's uid is handed to the next one at once.
     */
    Map<Long, Long> sandboxRssByRootPid(long serverPid) {
        Map<Long, Long> rssByRoot = new HashMap<>();
        byPid.values().stream().filter(p -> p.ppid() == serverPid).forEach(child -> {
            List<Proc> subtree = tree(child.pid());
            if (subtree.stream().anyMatch(p -> p.uid() >= FIRST_SANDBOX_UID)) {
                rssByRoot.put(child.pid(), subtree.stream().mapToLong(Proc::rssPages).sum() * PAGE_BYTES);
            }
        });
        return rssByRoot;
    }
}
