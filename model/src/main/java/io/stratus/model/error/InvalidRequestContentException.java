package io.stratus.model.error;

/** AWS error {@code InvalidRequestContentException}: HTTP 400. */
public final class InvalidRequestContentException extends AwsException {

    public InvalidRequestContentException(String message) {
        super(400, message);
    }
}
