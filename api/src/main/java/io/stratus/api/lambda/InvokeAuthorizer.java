package io.stratus.api.lambda;

import io.stratus.model.function.FunctionRef;

/** Decides whether a caller may invoke a function, from the function's resource policy. */
@FunctionalInterface
interface InvokeAuthorizer {

    /**
     * Returns normally when {@code caller} may invoke {@code function}.
     *
     * @throws io.stratus.model.error.AccessDeniedException when the policy refuses
     */
    void authorize(FunctionRef function, FunctionInvoker.Caller caller);
}
