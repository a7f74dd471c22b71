package io.stratus.model.error;

import java.util.Map;

/**
 * An error the platform reports to a client in AWS's own shape. Each subclass is named exactly as AWS names
 * the error type, knows its HTTP status, whether the caller is at fault, and which casing of the message
 * member the real service uses in the body (it really sends both {@code message} and {@code Message}).
 *
 * <p>Only the API boundary turns these into HTTP responses; everything below throws them.
 */
public abstract sealed class AwsException extends RuntimeException
        permits AccessDeniedException, InvalidParameterValueException, InvalidRequestContentException,
        PreconditionFailedException, RequestEntityTooLargeException, ResourceConflictException,
        ResourceNotFoundException, ServiceException, TooManyRequestsException, UnknownOperationException,
        UnsupportedMediaTypeException, ValidationException, InvalidRuntimeException,
        ProvisionedConcurrencyConfigNotFoundException, ServiceError, PolicyLengthExceededException {

    private final int httpStatus;

    AwsException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    AwsException(int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The error type as AWS names it; sent in {@code x-amzn-ErrorType}. */
    public String errorType() {
        return getClass().getSimpleName();
    }

    /** The HTTP status of the response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** True when the caller caused the error (body {@code "Type":"User"}), false for platform faults. */
    public boolean userFault() {
        return httpStatus < 500;
    }

    /** The body member that carries the message: {@code message} or {@code Message}, as the real service does. */
    public String messageMember() {
        return "message";
    }

    /** Whether the body carries {@code "Type"}; AWS omits it for model-level validation errors. */
    public boolean includesType() {
        return true;
    }

    /** Extra body members beyond Type and message (for example {@code Reason}). */
    public Map<String, String> extraMembers() {
        return Map.of();
    }

    /** Extra response headers (for example {@code Retry-After}). */
    public Map<String, String> extraHeaders() {
        return Map.of();
    }
}
