package io.stratus.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the execution engine.
 *
 * @param dataDir            the server's data directory (code, logs, runtime clients and scratch live below)
 * @param region             the region functions see in {@code AWS_REGION}
 * @param keepAlive          how long an idle sandbox is kept for reuse
 * @param sandboxMemoryMb    the sum of MemorySize all live sandboxes may reserve on this host
 * @param initTimeoutSeconds the init phase's limit (Lambda: 10 s)
 * @param runtimeOverrides   runtime identifier → interpreter binary, winning over discovery
 * @param strictRuntimes     refuse to run a runtime on a different version of its language
 * @param isolation          {@code auto}, {@code namespace} or {@code process}
 * @param accountConcurrency the account's limit of invocations in flight
 * @param runtimeSpares      pre-started runtimes kept per Node.js/Python runtime in use (0: none)
 */
public record EngineConfig(Path dataDir, String region, Duration keepAlive, long sandboxMemoryMb,
                           int initTimeoutSeconds, Map<String, Path> runtimeOverrides, boolean strictRuntimes,
                           String isolation, int accountConcurrency, int runtimeSpares) {

    public EngineConfig {
        runtimeOverrides = Map.copyOf(runtimeOverrides);
    }
}
