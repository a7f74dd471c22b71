package io.stratus.engine.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU in proportion to memory, as Lambda shares it, expressed as the nice value of every thread of a sandbox.
 *
 * <p>A 128 MB sandbox runs at nice 0, the weight of any ordinary process on the host; each step of 25% more
 * memory is one nice level lower (the kernel weighs neighbouring levels 1.25 to 1), up to 1769 MB, where Lambda
 * gives one whole vCPU. More memory than that buys Lambda more vCPUs, that is more threads running at once, which
 * a per-thread weight already allows.
 *
 * <p>Why not a CPU cgroup per sandbox: a sandbox in a scheduling group of its own, or all sandboxes in one group
 * apart from the server's, cost a fifth of a warm function's throughput at 8 concurrent requests and a third at 64
 * on a 2-core host (docs/benchmarks.md, log). So did every sandbox thread at a weight well below the server's
 * threads: weighing the runtimes below the server, by groups or by nice values, is what costs. A default sandbox
 * therefore weighs like the server's threads, and the weight grows with memory from there.
 */
final class CpuWeight {

    /** The memory size that weighs like an ordinary process. */
    static final int BASE_MB = 128;
    /** The memory size of one whole vCPU on Lambda; no more weight per thread above it. */
    static final int FULL_VCPU_MB = 1769;

    private static final Path RENICE = Path.of("/usr/bin/renice");

    private CpuWeight() {
    }

    /** The nice value of a sandbox of this memory size: 0 at 128 MB, -12 at 1769 MB and above. */
    static int niceFor(int memoryMb) {
        int mb = Math.max(BASE_MB, Math.min(FULL_VCPU_MB, memoryMb));
        return -(int) Math.round(Math.log((double) mb / BASE_MB) / Math.log(1.25));
    }

    /**
     * Gives every thread listed in a cgroup's thread file the nice value of a new memory size (an adopted
     * pre-started runtime that was started for another size), when it differs from the old size's. Threads started
     * later inherit it from the thread that starts them.
     */
    static void reweigh(Path threadsFile, int fromMb, int memoryMb) throws IOException {
        if (niceFor(fromMb) == niceFor(memoryMb)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(RENICE.toString(), "--priority",
                Integer.toString(niceFor(memoryMb)), "-p"));
        for (String line : Files.readAllLines(threadsFile)) {
            if (!line.isBlank()) {
                command.add(line.trim());
            }
        }
        Process renice = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!renice.waitFor(5, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                throw new IOException("renice did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the CPU weight", e);
        }
        // A thread may exit between the listing and renice (exit code 1); the others have their weight.
    }
}
