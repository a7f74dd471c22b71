package io.stratus.store;

/**
 * The store could not do what was asked for a reason that is not the caller's fault (I/O, SQL). Carries the
 * action and ids in its message and keeps the cause; the API boundary reports it as a service error.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
