package io.stratus.runtime.java;

import java.io.File;

/**
 * What the platform tells the runtime through environment variables (contract: runtime-contract.md), read once
 * at start (by a pre-started runtime, again once it has taken its function's environment).
 *
 * @param runtimeApi {@code AWS_LAMBDA_RUNTIME_API}, {@code host:port}
 * @param handler {@code _HANDLER}
 * @param taskRoot {@code LAMBDA_TASK_ROOT}, default the working directory
 * @param optRoot {@code STRATUS_OPT_DIR}, default {@code /opt}
 * @param functionName {@code AWS_LAMBDA_FUNCTION_NAME}
 * @param functionVersion {@code AWS_LAMBDA_FUNCTION_VERSION}
 * @param memoryMb {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, default 128
 * @param logGroupName {@code AWS_LAMBDA_LOG_GROUP_NAME}
 * @param logStreamName {@code AWS_LAMBDA_LOG_STREAM_NAME}
 */
record RuntimeEnvironment(String runtimeApi, String handler, File taskRoot, File optRoot, String functionName,
                          String functionVersion, int memoryMb, String logGroupName, String logStreamName) {

    /**
     * Reads the process environment.
     *
     * @throws IllegalStateException naming the variable if {@code AWS_LAMBDA_RUNTIME_API} is missing
     */
    static RuntimeEnvironment fromSystem() {
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (api == null || api.isBlank()) {
            throw new IllegalStateException("AWS_LAMBDA_RUNTIME_API is not set");
        }
        String handler = System.getenv("_HANDLER");
        return new RuntimeEnvironment(api.trim(), handler == null ? "" : handler.trim(),
                new File(env("LAMBDA_TASK_ROOT", System.getProperty("user.dir"))),
                new File(env("STRATUS_OPT_DIR", "/opt")), System.getenv("AWS_LAMBDA_FUNCTION_NAME"),
                System.getenv("AWS_LAMBDA_FUNCTION_VERSION"), memory(System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")),
                System.getenv("AWS_LAMBDA_LOG_GROUP_NAME"), System.getenv("AWS_LAMBDA_LOG_STREAM_NAME"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static int memory(String value) {
        try {
            return value == null ? 128 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 128;
        }
    }
}
