package io.stratus.engine.sandbox;

import java.nio.file.Path;

/**
 * Where a sandbox's runtime sees its files. Under mount namespaces these are Lambda's own paths; without them
 * they are host directories, announced to runtimes through environment variables.
 *
 * @param task     the function code ({@code /var/task})
 * @param runtime  the runtime client ({@code /var/runtime})
 * @param opt      layers ({@code /opt})
 * @param tmp      writable scratch space ({@code /tmp})
 * @param language interpreter installations shown at {@code /var/lang}, or null when interpreters are used
 *                 from their host paths
 * @param lambdaLayout true when these are Lambda's paths inside a private mount namespace
 */
public record SandboxPaths(Path task, Path runtime, Path opt, Path tmp, Path language, boolean lambdaLayout) {

    static final SandboxPaths LAMBDA = new SandboxPaths(Path.of("/var/task"), Path.of("/var/runtime"),
            Path.of("/opt"), Path.of("/tmp"), Path.of("/var/lang"), true);

    /** The same paths with layers at {@code opt} (without namespaces: the host directory of the merged layers). */
    public SandboxPaths withOpt(Path layers) {
        return new SandboxPaths(task, runtime, layers, tmp, language, lambdaLayout);
    }
}
