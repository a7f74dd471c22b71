package io.stratus.model.error;

/** AWS error {@code InvalidParameterValueException}: HTTP 400. */
public final class InvalidParameterValueException extends AwsException {

    public InvalidParameterValueException(String message) {
        super(400, message);
    }
}
