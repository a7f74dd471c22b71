package io.stratus.engine.sandbox;

import io.stratus.model.function.CodeRef;
import io.stratus.model.function.FunctionConfig;
import io.stratus.model.function.FunctionRecord;

/**
 * What a sandbox was built from. Sandboxes are reused only for invocations of an equal spec; any change of code
 * or configuration means new sandboxes.
 *
 * @param functionName the function
 * @param version      its version ({@code $LATEST} or a number)
 * @param code         the code package
 * @param config       the configuration
 */
public record SandboxSpec(String functionName, String version, CodeRef code, FunctionConfig config) {

    public static SandboxSpec of(FunctionRecord function) {
        return new SandboxSpec(function.name(), function.version(), function.code(), function.config());
    }
}
