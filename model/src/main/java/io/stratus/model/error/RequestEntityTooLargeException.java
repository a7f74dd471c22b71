package io.stratus.model.error;

/** AWS error {@code RequestEntityTooLargeException}: HTTP 413. */
public final class RequestEntityTooLargeException extends AwsException {

    public RequestEntityTooLargeException(String message) {
        super(413, message);
    }

    /** As on AWS, the body carries only the message. */
    @Override
    public boolean includesType() {
        return false;
    }
}
