package io.stratus.engine.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * An interpreter installed on this host.
 *
 * @param language the language it runs
 * @param version  its full version, e.g. [20, 20, 2]
 * @param binary   the real executable (symbolic links and shims resolved)
 */
public record Interpreter(Language language, List<Integer> version, Path binary) {

    public Interpreter {
        version = List.copyOf(version);
    }

    /** The installation prefix: the directory above {@code bin/}. */
    public Path home() {
        return binary.getParent().getParent();
    }

    public String versionText() {
        return String.join(".", version.stream().map(String::valueOf).toList());
    }

    /** The version's first {@code n} components, to compare with what a runtime identifier asks for. */
    List<Integer> significant(int n) {
        return version.subList(0, Math.min(n, version.size()));
    }
}
