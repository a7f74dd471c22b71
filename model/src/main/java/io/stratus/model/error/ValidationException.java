package io.stratus.model.error;

/**
 * A modeled constraint (length, pattern, enum, range) was violated: HTTP 400. As on AWS, the body carries only
 * {@code message}, not {@code Type}. Build it with {@link ConstraintViolations}.
 */
public final class ValidationException extends AwsException {

    public ValidationException(String message) {
        super(400, message);
    }

    @Override
    public boolean includesType() {
        return false;
    }
}
