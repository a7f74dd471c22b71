package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** Hands the runtime's {@link LambdaLogger} to {@code LambdaRuntime}, which lives in another package. */
public final class RuntimeLogger {
    private RuntimeLogger() {
    }

    /**
     * @return the logger every {@code Context} returns; thread-safe
     */
    public static LambdaLogger get() {
        return StdoutLogger.INSTANCE;
    }
}
