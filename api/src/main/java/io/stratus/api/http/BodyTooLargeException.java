package io.stratus.api.http;

/**
 * A request body over the gateway's limit. Each gateway answers it in its own error shape, so this is not an
 * {@link io.stratus.model.error.AwsException}.
 */
public final class BodyTooLargeException extends Exception {

    private final long limitBytes;

    BodyTooLargeException(long limitBytes) {
        super("Request body larger than " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    /** The limit that was exceeded. */
    public long limitBytes() {
        return limitBytes;
    }
}
