package io.stratus.api;

import java.util.concurrent.CompletionException;

/** What an asynchronous answer failed with. */
public final class Failures {

    private Failures() {
    }

    /**
     * The failure itself: a stage that completed because another failed wraps the original in a
     * {@link CompletionException}, which says nothing about what went wrong.
     */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
