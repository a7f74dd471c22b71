package io.stratus.engine;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What an invocation produced.
 *
 * @param requestId       the invocation's request id
 * @param payload         the bytes the runtime answered with, or the error document
 * @param contentType     the content type of the payload
 * @param functionError   {@code Unhandled} when the function or its runtime failed
 * @param executedVersion the version that ran
 * @param logTail         the last 4 KB of this invocation's log lines, when asked for
 * @param durationMs      time from delivering the event to the answer
 * @param billedMs        the duration rounded up to the next millisecond
 * @param maxMemoryUsedMb the sandbox's peak memory so far
 * @param initDurationMs  the sandbox's init time, on its first invocation only
 */
public record InvokeResult(String requestId, byte[] payload, String contentType, Optional<String> functionError,
                           String executedVersion, Optional<String> logTail, double durationMs, long billedMs,
                           int maxMemoryUsedMb, OptionalDouble initDurationMs) {
}
