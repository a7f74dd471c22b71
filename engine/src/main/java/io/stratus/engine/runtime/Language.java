package io.stratus.engine.runtime;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The languages Stratus runs, and how a Lambda runtime identifier names one of them and its version. */
public enum Language {
    NODE("Node.js", "node"),
    PYTHON("Python", "python"),
    JAVA("Java", "java"),
    /** OS-only runtimes: the function brings an executable {@code bootstrap}. */
    PROVIDED("custom runtime", null);

    private static final Pattern NODE_ID = Pattern.compile("nodejs(\\d+)\\.x");
    private static final Pattern PYTHON_ID = Pattern.compile("python(\\d+)\\.(\\d+)");
    private static final Pattern JAVA_ID = Pattern.compile("java(\\d+)");

    private final String displayName;
    private final String clientDirectory;

    Language(String displayName, String clientDirectory) {
        this.displayName = displayName;
        this.clientDirectory = clientDirectory;
    }

    public String displayName() {
        return displayName;
    }

    /** The directory of this language's runtime client among the engine's resources; empty for custom runtimes. */
    public Optional<String> clientDirectory() {
        return Optional.ofNullable(clientDirectory);
    }

    /**
     * The language and version a runtime identifier asks for, e.g. {@code python3.12} → Python [3, 12];
     * empty for identifiers of languages Stratus does not run (Ruby, .NET, Go, ...).
     */
    public static Optional<Requested> of(String runtimeId) {
        if (runtimeId.startsWith("provided")) {
            return Optional.of(new Requested(PROVIDED, List.of()));
        }
        Matcher m = NODE_ID.matcher(runtimeId);
        if (m.matches()) {
            return Optional.of(new Requested(NODE, List.of(Integer.parseInt(m.group(1)))));
        }
        m = PYTHON_ID.matcher(runtimeId);
        if (m.matches()) {
            return Optional.of(new Requested(PYTHON,
                    List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))));
        }
        m = JAVA_ID.matcher(runtimeId);
        if (m.matches()) {
            return Optional.of(new Requested(JAVA, List.of(Integer.parseInt(m.group(1)))));
        }
        return Optional.empty();
    }

    /**
     * A language and the version components that must match (Node and Java: major; Python: major.minor).
     *
     * @param language the language
     * @param version  the significant version components
     */
    public record Requested(Language language, List<Integer> version) {

        public String versionText() {
            return String.join(".", version.stream().map(String::valueOf).toList());
        }
    }
}
