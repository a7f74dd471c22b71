package io.stratus.engine;

import io.stratus.engine.runtime.Language;
import java.util.OptionalInt;

/**
 * What a pre-started runtime is started as, and so which functions can adopt it: a runtime, and for Java the
 * memory size too, because a JVM's maximum heap is fixed when it starts.
 *
 * @param runtimeId the runtime identifier ({@code nodejs20.x}, {@code java21})
 * @param memoryMb  the function memory size the spare is started for; empty for runtimes whose memory limit is
 *                  set at adoption (Node.js, Python)
 */
record SpareKind(String runtimeId, OptionalInt memoryMb) {

    /**
     * The spares a function adopts: Java's are started per memory size, since the JVM's maximum heap is fixed at
     * start; the others take the function's memory limit at adoption.
     */
    static SpareKind forFunction(String runtimeId, Language language, int memoryMb) {
        return language == Language.JAVA ? sized(runtimeId, memoryMb) : of(runtimeId);
    }

    /** A spare any function of the runtime can adopt. */
    static SpareKind of(String runtimeId) {
        return new SpareKind(runtimeId, OptionalInt.empty());
    }

    /** A spare only functions of the runtime with this memory size can adopt. */
    static SpareKind sized(String runtimeId, int memoryMb) {
        return new SpareKind(runtimeId, OptionalInt.of(memoryMb));
    }

    /** How the engine's status names it: {@code nodejs20.x}, {@code java21/512}. */
    String label() {
        return memoryMb.isEmpty() ? runtimeId : runtimeId + "/" + memoryMb.getAsInt();
    }
}
