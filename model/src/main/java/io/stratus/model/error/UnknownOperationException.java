package io.stratus.model.error;

/** No operation exists for the request's method and path: HTTP 404 (or 405 when only the method is wrong). */
public final class UnknownOperationException extends AwsException {

    public UnknownOperationException(int httpStatus, String message) {
        super(httpStatus, message);
    }
}
