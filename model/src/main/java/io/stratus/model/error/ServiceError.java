package io.stratus.model.error;

import java.util.Map;

/**
 * An error of another AWS service spoken on the same port (API Gateway v2, EventBridge), whose type names and
 * statuses are not Lambda's: {@code NotFoundException} 404, {@code BadRequestException} 400,
 * {@code ConflictException} 409 and so on. The body carries only {@code message}, as those services send it; each
 * service's boundary may render it in its own protocol (for example {@code __type} for AWS JSON 1.1).
 */
public final class ServiceError extends AwsException {

    private final String errorType;
    private final Map<String, String> extraMembers;

    /**
     * @param httpStatus the status the service answers with
     * @param errorType  the error type exactly as the service names it
     * @param message    the message, in the service's own wording
     */
    public ServiceError(int httpStatus, String errorType, String message) {
        this(httpStatus, errorType, message, Map.of());
    }

    /**
     * An error whose body has members beside {@code message}, such as API Gateway's {@code resourceType}.
     *
     * @param extraMembers further string members of the body, by their wire names
     */
    public ServiceError(int httpStatus, String errorType, String message, Map<String, String> extraMembers) {
        super(httpStatus, message);
        this.errorType = errorType;
        this.extraMembers = Map.copyOf(extraMembers);
    }

    @Override
    public Map<String, String> extraMembers() {
        return extraMembers;
    }

    @Override
    public String errorType() {
        return errorType;
    }

    @Override
    public boolean includesType() {
        return false;
    }
}
