package io.stratus.engine.sandbox;

import io.stratus.engine.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Picks the strongest isolation this host allows, or the one the operator asked for. */
public final class Isolations {

    private Isolations() {
    }

    public static Isolation choose(EngineConfig config) {
        String owner = owner(config);
        ProcessLauncher launcher = new ProcessLauncher();
        String wanted = config.isolation();
        if (!wanted.equals("process")) {
            Optional<Cgroups> cgroups = NamespaceIsolation.available()
                    ? Cgroups.detect("stratus-" + owner) : Optional.empty();
            if (cgroups.isPresent()) {
                try {
                    NamespaceIsolation.prepareMountPoints();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create sandbox mount points", e);
                }
                return new NamespaceIsolation(cgroups.get(),
                        new MountTables(config.dataDir().resolve("sandbox-mounts")), launcher);
            }
            if (wanted.equals("namespace")) {
                throw new IllegalStateException("--isolation namespace needs root, util-linux (unshare, setpriv) "
                        + "and a writable cgroup hierarchy on Linux");
            }
        }
        return new ProcessIsolation(config.dataDir().resolve("sandboxes"), owner, launcher);
    }

    /** A short name unique to the data directory, shared by all runs that use it. */
    private static String owner(EngineConfig config) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    config.dataDir().toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
