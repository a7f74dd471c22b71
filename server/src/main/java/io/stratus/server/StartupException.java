package io.stratus.server;

/** The server cannot start for a reason the operator can fix; the message says what and how. */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
