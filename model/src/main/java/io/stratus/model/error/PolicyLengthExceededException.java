package io.stratus.model.error;

/** AWS error {@code PolicyLengthExceededException}: HTTP 400, a function's resource policy would pass 20 KB. */
public final class PolicyLengthExceededException extends AwsException {

    public PolicyLengthExceededException(String message) {
        super(400, message);
    }
}
