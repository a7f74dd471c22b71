package io.stratus.runtime.java.json;

/** The event could not be read as the requested type, or a result could not be written as JSON. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the type and, when reading, the position in the input
     */
    public JsonException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the exception thrown by user code (a setter, a constructor) or by a conversion
     */
    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
