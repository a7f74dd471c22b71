package io.stratus.model.function;

/** Names of function versions. */
public final class FunctionVersion {

    /** The one mutable version of every function. */
    public static final String LATEST = "$LATEST";

    private FunctionVersion() {
    }
}
