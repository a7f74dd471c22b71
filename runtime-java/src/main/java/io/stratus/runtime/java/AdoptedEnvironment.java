package io.stratus.runtime.java;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Replaces a pre-started runtime's environment with the function's that adopted it, so that the function sees
 * exactly what a runtime started for it would have seen.
 *
 * <p>Design notes. A JVM holds its environment twice. {@code System.getenv()} and {@code System.getenv(name)} read
 * a map {@code java.lang.ProcessEnvironment} copied from the C library at start, behind
 * {@code Collections.unmodifiableMap}; the writable map inside writes through to the copy that
 * {@code ProcessBuilder.environment()} starts from. A child started without calling {@code environment()} gets
 * none of that: it inherits the C library's {@code environ}. So both are replaced:
 * <ul>
 *   <li>Java's copy through the unmodifiable map's field {@code m}, which needs
 *       {@code --add-opens java.base/java.util=ALL-UNNAMED};</li>
 *   <li>the C library's with {@code unsetenv} and {@code setenv} ({@link NativeEnvironment}), which needs the
 *       foreign function API of JDK 22 and {@code --enable-native-access=ALL-UNNAMED}.</li>
 * </ul>
 * The platform passes both flags to Java spares only, and keeps Java spares for JDKs that have the API. This runs
 * on the main thread before any function code, while no other thread reads the environment.
 */
final class AdoptedEnvironment {
    private AdoptedEnvironment() {
    }

    /**
     * Makes {@code environment} the process's whole environment.
     *
     * @throws IllegalStateException if the JVM was started without the flags above or lacks the API; the process
     *     must not go on with a half-replaced environment
     */
    static void replace(Map<String, String> environment) {
        Map<String, String> writable = javaEnvironment();
        Set<String> gone = new HashSet<>(writable.keySet());
        gone.removeAll(environment.keySet());
        NativeEnvironment.replace(gone, environment);
        writable.clear();
        writable.putAll(environment);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> javaEnvironment() {
        Map<String, String> view = System.getenv();
        try {
            Field inner = view.getClass().getDeclaredField("m");
            inner.setAccessible(true);
            return (Map<String, String>) inner.get(view);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot replace System.getenv() (is java.util opened to the runtime?): "
                    + e, e);
        }
    }
}
