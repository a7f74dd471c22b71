package io.stratus.model.error;

/** AWS error {@code ResourceConflictException}: HTTP 409. */
public final class ResourceConflictException extends AwsException {

    public ResourceConflictException(String message) {
        super(409, message);
    }
}
