package io.stratus.runtime.java;

import java.lang.invoke.MethodHandle;
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
 * reflection; that costs a few milliseconds once per adoption and nothing on a normal start. Without
 * {@code --enable-native-access=ALL-UNNAMED} the JDK would print a warning into the function's log.
 */
final class NativeEnvironment {
    private NativeEnvironment() {
    }

    /**
     * Removes {@code gone} and sets every variable of {@code environment}.
     *
     * @throws IllegalStateException if the JDK has no foreign function API (before 22) or a call fails
     */
    static void replace(Set<String> gone, Map<String, String> environment) {
        try {
            Calls calls = Calls.link();
            try (AutoCloseable arena = calls.newArena()) {
                for (String name : gone) {
                    calls.check("unsetenv " + name, (int) calls.unsetenv.invokeWithArguments(calls.text(arena, name)));
                }
                for (Map.Entry<String, String> variable : environment.entrySet()) {
                    calls.check("setenv " + variable.getKey(), (int) calls.setenv.invokeWithArguments(
                            calls.text(arena, variable.getKey()), calls.text(arena, variable.getValue()), 1));
                }
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot replace the C library's environment: " + e, e);
        }
    }

    /** The two downcalls and what they need, linked by name. */
    private static final class Calls {
        private final MethodHandle setenv;
        private final MethodHandle unsetenv;
        private final Method ofConfinedArena;
        private final Method allocateString;

        private Calls(MethodHandle setenv, MethodHandle unsetenv, Method ofConfinedArena, Method allocateString) {
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
            MethodHandle setenv = (MethodHandle) downcall.invoke(linker, symbol(find, symbols, "setenv"),
                    setenvDescriptor, noOptions);
            MethodHandle unsetenv = (MethodHandle) downcall.invoke(linker, symbol(find, symbols, "unsetenv"),
                    unsetenvDescriptor, noOptions);
            return new Calls(setenv, unsetenv, Class.forName("java.lang.foreign.Arena").getMethod("ofConfined"),
                    Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocateFrom", String.class));
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
        Object text(AutoCloseable arena, String value) throws ReflectiveOperationException {
            return allocateString.invoke(arena, value);
        }

        void check(String call, int result) {
            if (result != 0) {
                throw new IllegalStateException(call + " failed");
            }
        }
    }
}
