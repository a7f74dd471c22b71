package io.stratus.model.error;

/** AWS error {@code AccessDeniedException}: HTTP 403. */
public final class AccessDeniedException extends AwsException {

    public AccessDeniedException(String message) {
        super(403, message);
    }

    @Override
    public String messageMember() {
        return "Message";
    }
}
