package com.amazonaws.services.lambda.runtime;

import io.stratus.runtime.java.RuntimeLogger;

/**
 * Stratus's stand-in for {@code aws-lambda-java-core}'s {@code LambdaRuntime}, same API: the logger for code
 * that has no {@code Context} (log4j2 and SLF4J appenders for Lambda use it). The shaded jar carries this class
 * instead of the library's, so the logger is wired at class initialization rather than by reflection, which on
 * JDK 18+ costs about 10 ms of cold start (method-handle-based field access).
 */
public final class LambdaRuntime {
    /** Named as in the library, for tools that set it reflectively. */
    private static volatile LambdaLogger logger = RuntimeLogger.get();

    private LambdaRuntime() {
    }

    /**
     * The runtime's logger: each call writes one log record to stdout.
     *
     * @return the shared logger, never {@code null}
     */
    public static LambdaLogger getLogger() {
        return logger;
    }
}
