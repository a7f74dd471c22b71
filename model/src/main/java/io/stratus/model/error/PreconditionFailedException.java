package io.stratus.model.error;

/** AWS error {@code PreconditionFailedException}: HTTP 412. */
public final class PreconditionFailedException extends AwsException {

    public PreconditionFailedException(String message) {
        super(412, message);
    }
}
