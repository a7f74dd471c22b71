package io.stratus.runtime.java;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

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
 * The platform passes both flags to Java spares only, and keeps Java spares for JDKs that have the API. Reaching
 * both is prepared while the spare waits; the replacement itself runs on the main thread before any function code,
 * while no other thread reads the environment.
 */
final class AdoptedEnvironment {
    /** The writable map behind {@code System.getenv()}. */
    private final Map<String, String> javaEnvironment;
    private final NativeEnvironment nativeEnvironment;

    private AdoptedEnvironment(Map<String, String> javaEnvironment, NativeEnvironment nativeEnvironment) {
        this.javaEnvironment = javaEnvironment;
        this.nativeEnvironment = nativeEnvironment;
    }

    /**
     * Starts reaching both environments on a daemon thread, so that a spare pays for it (over 100 ms in a fresh
     * JVM, see {@link NativeEnvironment}) while it waits to be adopted rather than after.
     */
    static Future<AdoptedEnvironment> prepareInBackground() {
        FutureTask<AdoptedEnvironment> task = new FutureTask<>(new Preparation());
        Thread thread = new Thread(task, "stratus-environment");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** A class rather than a lambda, which would cost start-up time. */
    private static final class Preparation implements Callable<AdoptedEnvironment> {
        @Override
        public AdoptedEnvironment call() {
            return new AdoptedEnvironment(writableJavaEnvironment(), NativeEnvironment.prepare());
        }
    }

    /**
     * Waits for a preparation.
     *
     * @throws IllegalStateException if the JVM was started without the flags above or lacks the API
     */
    static AdoptedEnvironment await(Future<AdoptedEnvironment> preparation) {
        try {
            return preparation.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot replace the environment: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the environment", e);
        }
    }

    /**
     * Makes {@code environment} the process's whole environment. Call on the main thread before any function
     * code runs.
     *
     * @throws IllegalStateException if a C library call fails; the process must not go on with a half-replaced
     *     environment
     */
    void replace(Map<String, String> environment) {
        Set<String> gone = new HashSet<>(javaEnvironment.keySet());
        gone.removeAll(environment.keySet());
        nativeEnvironment.replace(gone, environment);
        javaEnvironment.clear();
        javaEnvironment.putAll(environment);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> writableJavaEnvironment() {
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
