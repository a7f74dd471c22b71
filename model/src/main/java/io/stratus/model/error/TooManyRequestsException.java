package io.stratus.model.error;

import java.util.Map;

/** Throttling: HTTP 429 with a {@code Reason} member and a {@code Retry-After} header in seconds. */
public final class TooManyRequestsException extends AwsException {

    private final String reason;
    private final long retryAfterSeconds;

    public TooManyRequestsException(String reason, long retryAfterSeconds) {
        super(429, "Rate Exceeded.");
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String reason() {
        return reason;
    }

    @Override
    public Map<String, String> extraMembers() {
        return Map.of("Reason", reason);
    }

    @Override
    public Map<String, String> extraHeaders() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
