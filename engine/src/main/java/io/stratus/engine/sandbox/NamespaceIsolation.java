package io.stratus.engine.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes in their own mount and PID namespaces, each as its own unprivileged user, in its own memory cgroup
 * and with a CPU weight ({@link CpuWeight}) that follow its memory size: the
 * runtime sees its code read-only at {@code /var/task}, its runtime client at {@code /var/runtime}, layers at
 * {@code /opt} (read-only; an empty one without layers), a private size-limited {@code /tmp}, and only its own
 * processes. Needs root on Linux.
 *
 * <p>The namespaces are made with util-linux's {@code unshare} and the user switch with {@code setpriv}; a
 * short shell script in between joins the cgroups and mounts the paths. When the server dies, the kernel kills
 * {@code unshare} (parent-death signal), {@code unshare} kills the namespace's first process, and the kernel
 * kills everything else in the namespace with it.
 */
public final class NamespaceIsolation implements Isolation {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceIsolation.class);
    static final int FIRST_UID = 900_000;
    private static final int MAX_SANDBOXES = 65_536;

    /** Runs inside the new namespaces as root, then becomes the sandbox user and runs the runtime. */
    private static final String SETUP = String.join("\n",
            "set -e",
            "for f in $1; do echo 0 > \"$f\"; done",
            // One mount process for all of Lambda's layout (MountTables).
            "mount -a -T \"$2\"",
            "cd /var/task",
            "uid=$3",
            "nice=$4",
            "shift 4",
            // The CPU weight that follows memory (CpuWeight); nice is only run when it changes something.
            // As root, before the user switch: an unprivileged process may not lower its nice value.
            "weigh=; if [ \"$nice\" != 0 ]; then weigh=\"nice -n $nice\"; fi",
            "exec $weigh setpriv --reuid=\"$uid\" --regid=\"$uid\" --clear-groups --no-new-privs --inh-caps=-all -- \"$@\"");

    private final Cgroups cgroups;
    private final MountTables mountTables;
    private final ProcessLauncher launcher;
    private final BitSet uids = new BitSet();

    NamespaceIsolation(Cgroups cgroups, MountTables mountTables, ProcessLauncher launcher) {
        this.cgroups = cgroups;
        this.mountTables = mountTables;
        this.launcher = launcher;
    }

    /** Whether this host lets the server build namespaced sandboxes. */
    static boolean available() {
        return "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/bin/unshare"))
                && ProcessLauncher.canTieToParent()
                && Files.isExecutable(Path.of("/bin/sh"));
    }

    /** Creates the mount points Lambda's layout needs; they stay empty on the host. */
    static void prepareMountPoints() throws IOException {
        for (String dir : List.of("/var/task", "/var/runtime", "/var/lang", "/opt")) {
            Files.createDirectories(Path.of(dir));
        }
    }

    @Override
    public String describe() {
        return "mount+PID namespaces, one user per sandbox, cgroups " + cgroups.version();
    }

    @Override
    public void removeLeftovers() {
        cgroups.removeLeftovers();
        try {
            mountTables.removeAll();
        } catch (IOException e) {
            LOG.warn("cannot remove old sandbox mount tables: {}", e.getMessage());
        }
    }

    @Override
    public boolean lambdaLayout() {
        return true;
    }

    @Override
    public SandboxPaths paths(String sandboxId) {
        return SandboxPaths.LAMBDA;
    }

    @Override
    public InterpreterView interpreterView(Path binary, Path home) {
        if (readableByOthers(binary)) {
            return new InterpreterView(binary, null);
        }
        return new InterpreterView(SandboxPaths.LAMBDA.language().resolve(home.relativize(binary)), home);
    }

    /** Whether a user with no relation to the file's owner can reach and run it. */
    private static boolean readableByOthers(Path file) {
        try {
            for (Path p = file.getParent(); p != null; p = p.getParent()) {
                if (!perms(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            Set<PosixFilePermission> own = perms(file);
            return own.contains(PosixFilePermission.OTHERS_EXECUTE) && own.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<PosixFilePermission> perms(Path p) throws IOException {
        return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).permissions();
    }

    @Override
    public synchronized OptionalInt reserveUid() {
        int slot = uids.nextClearBit(0);
        if (slot >= MAX_SANDBOXES) {
            throw new IllegalStateException("no free sandbox user ids");
        }
        uids.set(slot);
        return OptionalInt.of(FIRST_UID + slot);
    }

    @Override
    public synchronized void releaseUid(int uid) {
        uids.clear(uid - FIRST_UID);
    }

    @Override
    public Started start(LaunchPlan plan, OptionalInt uid) throws IOException {
        Path mountTable = mountTables.acquire(plan);
        Cgroups.Group group;
        try {
            group = cgroups.create(plan.sandboxId(), plan.memoryMb());
        } catch (IOException | RuntimeException e) {
            mountTables.release(mountTable);
            throw e;
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork",
                "--kill-child", "--mount-proc", "--propagation", "private", "--", "/bin/sh", "-c", SETUP,
                "stratus-sandbox",
                group.procsFiles().stream().map(Path::toString).collect(Collectors.joining(" ")),
                mountTable.toString(),
                Integer.toString(uid.orElseThrow()),
                Integer.toString(CpuWeight.niceFor(plan.memoryMb()))));
        command.addAll(plan.command());
        ProcessBuilder builder = new ProcessBuilder(ProcessLauncher.tiedToParent(command))
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(plan.environment());
        Process process;
        try {
            process = launcher.start(builder);
        } catch (IOException e) {
            group.destroy();
            mountTables.release(mountTable);
            throw e;
        }
        AtomicBoolean released = new AtomicBoolean();
        return new Started() {
            @Override
            public Process process() {
                return process;
            }

            @Override
            public long peakMemoryBytes() {
                return group.peakBytes();
            }

            @Override
            public boolean outOfMemory() {
                return group.oomKills() > 0;
            }

            @Override
            public void kill() {
                group.killAll();
                process.destroyForcibly();
            }

            @Override
            public void resize(int memoryMb) throws IOException {
                group.resize(memoryMb);
            }

            @Override
            public void release() {
                group.destroy();
                if (released.compareAndSet(false, true)) {
                    mountTables.release(mountTable);
                }
            }
        };
    }
}
