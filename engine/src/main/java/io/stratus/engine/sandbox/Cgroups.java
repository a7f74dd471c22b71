package io.stratus.engine.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Control groups for sandboxes: a memory limit (the function's MemorySize, no swap). The CPU weight that follows
 * memory is each thread's nice value ({@link CpuWeight}), not a CPU group. Works with cgroup v1 (the memory
 * hierarchy) and v2 (unified, with only the memory controller enabled below the server's parent); {@link #detect}
 * picks whichever this host mounts and the server may write.
 *
 * <p>All groups of one server live under a parent named after its data directory, so a restart finds and
 * kills what a killed predecessor left behind, and two servers on one host never touch each other's groups.
 */
public abstract sealed class Cgroups permits Cgroups.V1, Cgroups.V2 {

    private static final Logger LOG = LoggerFactory.getLogger(Cgroups.class);
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    /** The writable cgroup hierarchy of this host, if any. */
    public static Optional<Cgroups> detect(String parentName) {
        try {
            if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
                String controllers = Files.readString(ROOT.resolve("cgroup.controllers"));
                if (controllers.contains("memory")) {
                    V2 v2 = new V2(ROOT.resolve(parentName));
                    v2.prepare();
                    return Optional.of(v2);
                }
            }
            Path memory = ROOT.resolve("memory");
            if (Files.exists(memory.resolve("memory.limit_in_bytes"))) {
                V1 v1 = new V1(memory.resolve(parentName), ROOT.resolve("cpu").resolve(parentName));
                v1.prepare();
                return Optional.of(v1);
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("cgroups unavailable ({}); memory is enforced by a watchdog instead", e.getMessage());
        }
        return Optional.empty();
    }

    /** The version, for the log. */
    public abstract String version();

    /** Creates the group of one sandbox. */
    public abstract Group create(String sandboxId, int memoryMb) throws IOException;

    abstract void prepare() throws IOException;

    abstract List<Path> parents();

    /** Kills every process left in this server's groups and removes the groups. */
    public void removeLeftovers() {
        for (Path parent : parents()) {
            try (Stream<Path> children = Files.list(parent)) {
                for (Path child : children.filter(Files::isDirectory).toList()) {
                    killAll(child);
                    removeGroup(child);
                }
            } catch (IOException e) {
                LOG.warn("cannot clean cgroups under {}: {}", parent, e.getMessage());
            }
        }
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    static long readLong(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The value of a {@code key value} line in a cgroup statistics file, or 0. */
    static long keyed(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key + " ")) {
                    return Long.parseLong(line.substring(key.length() + 1).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** SIGKILLs every process in a group until it is empty (processes may fork while we kill). */
    static void killAll(Path group) {
        Path procs = group.resolve("cgroup.procs");
        for (int round = 0; round < 50; round++) {
            List<Long> pids = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(procs)) {
                    if (!line.isBlank()) {
                        pids.add(Long.parseLong(line.trim()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return;
            }
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void removeGroup(Path group) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(group);
                return;
            } catch (IOException e) {
                // Busy until the kernel has reaped the last process.
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.warn("cgroup {} could not be removed", group);
    }

    /** The groups of one sandbox. */
    public interface Group {

        /** Files a process writes {@code 0} to in order to join the groups. */
        List<Path> procsFiles();

        /** The highest memory use so far, in bytes. */
        long peakBytes();

        /** How many times the kernel killed a process here for exceeding the limit. */
        long oomKills();

        /** Kills every process in the groups. */
        void killAll();

        /** Changes the memory limit of a running group, and the CPU weight of its threads that follows it. */
        void resize(int memoryMb) throws IOException;

        /** Kills what is left and removes the groups. */
        void destroy();
    }

    static final class V1 extends Cgroups {

        private final Path memoryParent;
        /** Where earlier versions put a CPU group per sandbox; only searched for leftovers now. */
        private final Path formerCpuParent;

        V1(Path memoryParent, Path formerCpuParent) {
            this.memoryParent = memoryParent;
            this.formerCpuParent = formerCpuParent;
        }

        @Override
        public String version() {
            return "v1";
        }

        @Override
        void prepare() throws IOException {
            Files.createDirectories(memoryParent);
        }

        @Override
        List<Path> parents() {
            return Files.isDirectory(formerCpuParent) ? List.of(memoryParent, formerCpuParent) : List.of(memoryParent);
        }

        @Override
        public Group create(String sandboxId, int memoryMb) throws IOException {
            Path memory = memoryParent.resolve(sandboxId);
            Files.createDirectories(memory);
            long bytes = memoryMb * 1024L * 1024L;
            write(memory.resolve("memory.limit_in_bytes"), Long.toString(bytes));
            Path swap = memory.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(swap)) {
                write(swap, Long.toString(bytes));
            }
            CounterFile peak = new CounterFile(memory.resolve("memory.max_usage_in_bytes"));
            return new Group() {
                private int weighedMb = memoryMb;

                @Override
                public List<Path> procsFiles() {
                    return List.of(memory.resolve("cgroup.procs"));
                }

                @Override
                public long peakBytes() {
                    return peak.read();
                }

                @Override
                public long oomKills() {
                    return keyed(memory.resolve("memory.oom_control"), "oom_kill");
                }

                @Override
                public void killAll() {
                    Cgroups.killAll(memory);
                }

                @Override
                public void resize(int memoryMb) throws IOException {
                    long bytes = memoryMb * 1024L * 1024L;
                    Path limit = memory.resolve("memory.limit_in_bytes");
                    Path swap = memory.resolve("memory.memsw.limit_in_bytes");
                    // memory+swap may never be below memory: raise it first when growing, lower it last when
                    // shrinking.
                    boolean growing = bytes > readLong(limit);
                    if (growing && Files.exists(swap)) {
                        write(swap, Long.toString(bytes));
                    }
                    write(limit, Long.toString(bytes));
                    if (!growing && Files.exists(swap)) {
                        write(swap, Long.toString(bytes));
                    }
                    CpuWeight.reweigh(memory.resolve("tasks"), weighedMb, memoryMb);
                    weighedMb = memoryMb;
                }

                @Override
                public void destroy() {
                    peak.close();
                    Cgroups.killAll(memory);
                    removeGroup(memory);
                }
            };
        }
    }

    static final class V2 extends Cgroups {

        private final Path parent;

        V2(Path parent) {
            this.parent = parent;
        }

        @Override
        public String version() {
            return "v2";
        }

        @Override
        void prepare() throws IOException {
            Files.createDirectories(parent);
            // Memory only: a CPU group per sandbox would be scheduled apart from the server (see CpuWeight).
            write(parent.getParent().resolve("cgroup.subtree_control"), "+memory");
            write(parent.resolve("cgroup.subtree_control"), "+memory");
        }

        @Override
        List<Path> parents() {
            return List.of(parent);
        }

        @Override
        public Group create(String sandboxId, int memoryMb) throws IOException {
            Path group = parent.resolve(sandboxId);
            Files.createDirectories(group);
            write(group.resolve("memory.max"), Long.toString(memoryMb * 1024L * 1024L));
            if (Files.exists(group.resolve("memory.swap.max"))) {
                write(group.resolve("memory.swap.max"), "0");
            }
            CounterFile peak = new CounterFile(group.resolve("memory.peak"));
            return new Group() {
                private int weighedMb = memoryMb;

                @Override
                public void resize(int memoryMb) throws IOException {
                    write(group.resolve("memory.max"), Long.toString(memoryMb * 1024L * 1024L));
                    CpuWeight.reweigh(group.resolve("cgroup.threads"), weighedMb, memoryMb);
                    weighedMb = memoryMb;
                }

                @Override
                public List<Path> procsFiles() {
                    return List.of(group.resolve("cgroup.procs"));
                }

                @Override
                public long peakBytes() {
                    long highest = peak.read();
                    return highest >= 0 ? highest : readLong(group.resolve("memory.current"));
                }

                @Override
                public long oomKills() {
                    return keyed(group.resolve("memory.events"), "oom_kill");
                }

                @Override
                public void killAll() {
                    try {
                        write(group.resolve("cgroup.kill"), "1");
                    } catch (IOException e) {
                        Cgroups.killAll(group);
                    }
                }

                @Override
                public void destroy() {
                    peak.close();
                    killAll();
                    Cgroups.killAll(group);
                    removeGroup(group);
                }
            };
        }
    }
}
