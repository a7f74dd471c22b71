package io.stratus.engine;

import io.stratus.model.error.TooManyRequestsException;
import java.util.HashMap;
import java.util.Map;

/**
 * Admission by concurrency, as Lambda counts it: invocations in flight, per function and per account. A function
 * with reserved concurrency may have at most that many in flight (0 throttles everything) and does not draw on
 * the account's pool; the others share what the reservations leave of the account limit.
 */
public final class ConcurrencyGate {

    private final int accountLimit;
    private final Map<String, Integer> inFlight = new HashMap<>();
    private Map<String, Integer> reserved = Map.of();
    private int reservedTotal;
    private int unreservedInFlight;

    public ConcurrencyGate(int accountLimit) {
        this.accountLimit = accountLimit;
    }

    /** Replaces the reservations (after they changed, and at start). */
    public synchronized void reservations(Map<String, Integer> byFunction) {
        reserved = Map.copyOf(byFunction);
        reservedTotal = reserved.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A function's reserved concurrency, if it has one. */
    public synchronized java.util.Optional<Integer> reserved(String function) {
        return java.util.Optional.ofNullable(reserved.get(function));
    }

    /**
     * Admits one invocation of a function or throttles it.
     *
     * @throws TooManyRequestsException with Lambda's reason when no concurrency is left
     */
    public synchronized Permit admit(String function) {
        Integer cap = reserved.get(function);
        int running = inFlight.getOrDefault(function, 0);
        if (cap != null && running >= cap) {
            throw new TooManyRequestsException("ReservedFunctionConcurrentInvocationLimitExceeded", 1);
        }
        boolean fromPool = cap == null;
        if (fromPool && unreservedInFlight >= accountLimit - reservedTotal) {
            throw new TooManyRequestsException("ConcurrentInvocationLimitExceeded", 1);
        }
        inFlight.put(function, running + 1);
        if (fromPool) {
            unreservedInFlight++;
        }
        return () -> release(function, fromPool);
    }

    private synchronized void release(String function, boolean fromPool) {
        inFlight.computeIfPresent(function, (k, n) -> n <= 1 ? null : n - 1);
        if (fromPool) {
            unreservedInFlight--;
        }
    }

    /** One admitted invocation; closing it gives the concurrency back. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
