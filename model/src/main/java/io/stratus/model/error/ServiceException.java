package io.stratus.model.error;

/**
 * A platform fault (HTTP 500). The client sees only a generic message; the cause goes to the operator log
 * with the request id.
 */
public final class ServiceException extends AwsException {

    public ServiceException(String message, Throwable cause) {
        super(500, message, cause);
    }

    public ServiceException(String message) {
        super(500, message);
    }

    @Override
    public String messageMember() {
        return "Message";
    }
}
