package io.stratus.model.error;

/**
 * The function's runtime cannot run here (HTTP 502, as Lambda answers for an unsupported runtime at invoke time).
 * Stratus uses it when no installed interpreter can serve the runtime; the message names what to install.
 */
public final class InvalidRuntimeException extends AwsException {

    public InvalidRuntimeException(String message) {
        super(502, message);
    }
}
