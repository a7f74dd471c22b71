package io.stratus.model.error;

/** AWS error {@code UnsupportedMediaTypeException}: HTTP 415. */
public final class UnsupportedMediaTypeException extends AwsException {

    public UnsupportedMediaTypeException(String message) {
        super(415, message);
    }
}
