package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.Context;

/** A loaded user handler, adapted to bytes in and bytes out. One instance per environment, called serially. */
interface Handler {
    /**
     * Runs one invocation.
     *
     * @param event the raw event payload
     * @param context the invocation's context
     * @return the response body to post: the serialized result, or what a stream handler wrote
     * @throws Throwable whatever the user code throws (possibly wrapped in an InvocationTargetException),
     *     or a {@code RuntimeException} if the event cannot be read or the result cannot be written
     */
    byte[] handle(byte[] event, Context context) throws Throwable;
}
