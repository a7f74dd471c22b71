package io.stratus.runtime.java;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The C library's environment ({@code environ}), which child processes inherit, changed through {@code setenv}
 * and {@code unsetenv}.
 *
 * <p>The foreign function API is final from JDK 22 while this client is compiled for 17, so it is reached by
 * reflection. Linking the two calls and making the first of each costs over 100 ms in a fresh JVM (the API's
 * classes, generated stubs), so a spare does that while it waits to be adopted ({@link #prepare()}, from
 * {@link AdoptedEnvironment#prepareInBackground()}); a normal start never does it. Without
 * {@code --enable-native-access=ALL-UNNAMED} the JDK would print a warning into the function's log.
 */
final class NativeEnvironment {
    private final Calls calls;

    private NativeEnvironment(Calls calls) {
        this.calls = calls;
    }

    /**
     * Links {@code setenv} and {@code unsetenv} and calls each once with no effect (the spare's own
     * {@code STRATUS_SPARE} set to its value, an unset name removed), so that later calls are fast.
     *
     * @throws IllegalStateException when the JDK lacks the API or a call fails
     */
    static NativeEnvironment prepare() {
        Calls calls;
        try {
            calls = Calls.link();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot link setenv and unsetenv: " + e, e);
        }
        NativeEnvironment prepared = new NativeEnvironment(calls);
        prepared.replace(Set.of("STRATUS_SPARE_PREPARATION"), Map.of("STRATUS_SPARE", "1"));
        return prepared;
    }

    /**
     * Removes {@code gone} and sets every variable of {@code environment}. Not thread-safe, like the C library's
     * environment itself: no other thread may read it meanwhile.
     *
     * @throws IllegalStateException if a call fails
     */
    void replace(Set<String> gone, Map<String, String> environment) {
        try {
            try (AutoCloseable arena = calls.newArena()) {
                for (String name : gone) {
                    calls.check("unsetenv " + name, (int) calls.unsetenv.invokeExact(calls.text(arena, name)));
                }
                for (Map.Entry<String, String> variable : environment.entrySet()) {
                    calls.check("setenv " + variable.getKey(), (int) calls.setenv.invokeExact(
                            calls.text(arena, variable.getKey()), calls.text(arena, variable.getValue()), 1));
                }
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot replace the C library's environment: " + e, e);
        }
    }

    /**
     * The two downcalls and what they need, linked by name. The handles take {@code Object} where the API's types
     * are, so that they can be called exactly (fast) from code compiled without those types.
     */
    private static final class Calls {
        /** {@code (Object name, Object value, int overwrite) int}. */
        private final MethodHandle setenv;
        /** {@code (Object name) int}. */
        private final MethodHandle unsetenv;
        private final Method ofConfinedArena;
        /** {@code (Object allocator, String text) Object}: a NUL-terminated UTF-8 copy. */
        private final MethodHandle allocateString;

        private Calls(MethodHandle setenv, MethodHandle unsetenv, Method ofConfinedArena,
                      MethodHandle allocateString) {
            this.setenv = setenv;
            this.unsetenv = unsetenv;
            this.ofConfinedArena = ofConfinedArena;
            this.allocateString = allocateString;
        }

        static Calls link() throws ReflectiveOperationException {
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Object symbols = linkerType.getMethod("defaultLookup").invoke(linker);
            Method find = Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class);
            Method downcall = linkerType.getMethod("downcallHandle", Class.forName("java.lang.foreign.MemorySegment"),
                    descriptorType, optionType.arrayType());
            Method describe = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
            Object address = valueLayout.getField("ADDRESS").get(null);
            Object cInt = valueLayout.getField("JAVA_INT").get(null);
            // int setenv(const char *name, const char *value, int overwrite); int unsetenv(const char *name)
            Object setenvDescriptor = describe.invoke(null, cInt, layouts(layoutType, address, address, cInt));
            Object unsetenvDescriptor = describe.invoke(null, cInt, layouts(layoutType, address));
            Object noOptions = Array.newInstance(optionType, 0);
            MethodHandle setenv = ((MethodHandle) downcall.invoke(linker, symbol(find, symbols, "setenv"),
                    setenvDescriptor, noOptions)).asType(MethodType.methodType(int.class, Object.class, Object.class,
                    int.class));
            MethodHandle unsetenv = ((MethodHandle) downcall.invoke(linker, symbol(find, symbols, "unsetenv"),
                    unsetenvDescriptor, noOptions)).asType(MethodType.methodType(int.class, Object.class));
            MethodHandle allocateString = MethodHandles.publicLookup().unreflect(Class.forName(
                    "java.lang.foreign.SegmentAllocator").getMethod("allocateFrom", String.class))
                    .asType(MethodType.methodType(Object.class, Object.class, String.class));
            return new Calls(setenv, unsetenv, Class.forName("java.lang.foreign.Arena").getMethod("ofConfined"),
                    allocateString);
        }

        private static Object layouts(Class<?> layoutType, Object... layouts) {
            Object array = Array.newInstance(layoutType, layouts.length);
            for (int i = 0; i < layouts.length; i++) {
                Array.set(array, i, layouts[i]);
            }
            return array;
        }

        private static Object symbol(Method find, Object symbols, String name) throws ReflectiveOperationException {
            Optional<?> found = (Optional<?>) find.invoke(symbols, name);
            if (found.isEmpty()) {
                throw new IllegalStateException("the C library has no " + name);
            }
            return found.get();
        }

        AutoCloseable newArena() throws ReflectiveOperationException {
            return (AutoCloseable) ofConfinedArena.invoke(null);
        }

        /** A NUL-terminated UTF-8 copy of {@code value}, freed with the arena. */
        Object text(AutoCloseable arena, String value) throws Throwable {
            return (Object) allocateString.invokeExact((Object) arena, value);
        }

        void check(String call, int result) {
            if (result != 0) {
                throw new IllegalStateException(call + " failed");
            }
        }
    }
}
