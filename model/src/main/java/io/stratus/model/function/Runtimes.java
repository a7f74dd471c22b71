package io.stratus.model.function;

import java.util.List;
import java.util.Set;

/**
 * The runtime identifiers Lambda knows, split the way its CreateFunction/UpdateFunctionConfiguration treat them:
 * accepted ids, ids that exist in the model but are blocked for creation (deprecated), and everything else
 * (rejected as not in the enum).
 */
public final class Runtimes {

    /**
     * Ids the service accepts for new functions, in the order the real service lists them in its error message
     * (recorded from AWS; see shared/aws-recorded/lambda_ test_create_lambda_exceptions).
     */
    public static final List<String> ACCEPTED = List.of(
            "nodejs20.x", "python3.14", "provided.al2023", "python3.12", "python3.13", "nodejs24.x", "nodejs22.x",
            "java25", "python3.10", "python3.11", "java21", "ruby3.3", "ruby3.4", "ruby3.2", "python3.8",
            "python3.9", "java17", "nodejs16.x", "dotnet10", "dotnet8", "java11", "dotnet6", "nodejs18.x",
            "provided.al2", "java8.al2");

    /** Ids in the API model that the service no longer lets anyone create or update functions with. */
    public static final Set<String> DEPRECATED = Set.of(
            "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x",
            "java8", "python2.7", "python3.6", "python3.7", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1",
            "dotnetcore3.1", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "provided");

    private Runtimes() {
    }

    /** True when {@code runtime} may be used to create or update a function. */
    public static boolean accepted(String runtime) {
        return ACCEPTED.contains(runtime);
    }

    /** True when {@code runtime} is a known id that is blocked for creation and update. */
    public static boolean deprecated(String runtime) {
        return DEPRECATED.contains(runtime);
    }
}
