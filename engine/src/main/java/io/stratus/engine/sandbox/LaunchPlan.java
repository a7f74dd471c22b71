package io.stratus.engine.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to start one sandbox's runtime process.
 *
 * @param sandboxId      unique id, also the cgroup name
 * @param memoryMb       memory limit
 * @param ephemeralMb    size of the private {@code /tmp}
 * @param codeDir        the unpacked function code (host path)
 * @param layersDir      the merged layers to show read-only at {@code /opt} (host path); empty without layers
 * @param runtimeDir     the language's runtime client (host path); empty for custom runtimes
 * @param languageHome   an interpreter installation to show at {@code /var/lang} when its host path is not
 *                       readable by sandbox users; empty otherwise
 * @param command        the runtime command line, in the sandbox's paths
 * @param environment    the complete environment of the runtime
 */
public record LaunchPlan(String sandboxId, int memoryMb, int ephemeralMb, Path codeDir, Optional<Path> layersDir,
                         Optional<Path> runtimeDir,
                         Optional<Path> languageHome, List<String> command, Map<String, String> environment) {
}
