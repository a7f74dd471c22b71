package io.stratus.store.async;

import java.util.List;
import java.util.Optional;

/**
 * Durable asynchronous invocations and their per-function settings. Every method is one transaction.
 */
public interface AsyncQueue {

    /** Stores an accepted event; when this returns, it survives a crash. */
    void enqueue(Event event);

    /**
     * Claims up to {@code limit} events due at {@code nowMs}: each is leased until {@code leaseUntilMs} (so another
     * claim does not take it while it runs, and a crash makes it due again).
     */
    List<Event> claimDue(long nowMs, long leaseUntilMs, int limit);

    /** Makes every claimed event due now: run at start, when nothing can still be running them. */
    void releaseLeases(long nowMs);

    /** Puts an event back to be tried at {@code dueMs}, with its attempt count. */
    void reschedule(String id, int attempts, long dueMs);

    /**
     * Puts an event back after a failed attempt, to be tried at {@code dueMs}, keeping that attempt's outcome for
     * the record sent if the event expires before it succeeds.
     */
    void reschedule(String id, int attempts, long dueMs, LastAttempt last);

    /** The outcome kept by the last {@link #reschedule(String, int, long, LastAttempt)}, if any. */
    Optional<LastAttempt> lastAttempt(String id);

    /** Removes an event that is done (delivered, or given up on). */
    void remove(String id);

    /** Removes every event of a function (it was deleted). */
    void removeFunction(String functionName);

    /** How many events wait, and the enqueue time of the oldest. */
    Depth depth();

    /** Sets the asynchronous settings of a function or qualifier. */
    void putConfig(Config config);

    Optional<Config> config(String functionName, String qualifier);

    /** All settings of a function, by qualifier. */
    List<Config> configs(String functionName);

    boolean deleteConfig(String functionName, String qualifier);

    /**
     * One queued invocation.
     *
     * @param id           the request id, the same on every attempt
     * @param functionName the function
     * @param qualifier    the version or alias invoked ($LATEST when none)
     * @param payload      the event
     * @param enqueuedMs   when it was accepted
     * @param attempts     attempts that ran the function so far
     */
    record Event(String id, String functionName, String qualifier, byte[] payload, long enqueuedMs, int attempts) {
    }

    /**
     * The outcome of a failed attempt.
     *
     * @param functionError the function error type ({@code Unhandled})
     * @param response      the error payload the function (or its runtime) returned
     */
    record LastAttempt(String functionError, byte[] response) {
    }

    /**
     * Queue depth.
     *
     * @param events       waiting events (claimed ones included)
     * @param oldestMs     enqueue time of the oldest, or 0 when empty
     */
    record Depth(long events, long oldestMs) {
    }

    /**
     * Asynchronous invocation settings.
     *
     * @param functionName     the function
     * @param qualifier        the version or alias ($LATEST for the unqualified function)
     * @param maxRetryAttempts 0–2, empty for Lambda's default (2)
     * @param maxAgeSeconds    60–21600, empty for Lambda's default (21600)
     * @param onSuccess        destination ARN for successes
     * @param onFailure        destination ARN for failures
     * @param lastModifiedMs   when it was last set
     */
    record Config(String functionName, String qualifier, Optional<Integer> maxRetryAttempts,
                  Optional<Integer> maxAgeSeconds, Optional<String> onSuccess, Optional<String> onFailure,
                  long lastModifiedMs) {
    }
}
