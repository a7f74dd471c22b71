package io.stratus.engine;

import io.stratus.model.function.FunctionRecord;
import java.util.Optional;

/**
 * One synchronous invocation to run.
 *
 * @param function          the function version to run
 * @param invokedArn        the ARN the caller used (unqualified, or with its version or alias)
 * @param payload           the event, as the caller sent it
 * @param clientContextJson the decoded {@code X-Amz-Client-Context}, passed to the runtime as it is
 * @param tailLog           whether the caller wants the last 4 KB of this invocation's log
 * @param requestId         the request id to use (an asynchronous event keeps its id across attempts); empty for
 *                          a new one
 */
public record InvokeRequest(FunctionRecord function, String invokedArn, byte[] payload,
                            Optional<String> clientContextJson, boolean tailLog, Optional<String> requestId) {
}
