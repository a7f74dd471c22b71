package io.stratus.model.error;

/** AWS error {@code ResourceNotFoundException}: HTTP 404. */
public final class ResourceNotFoundException extends AwsException {

    public ResourceNotFoundException(String message) {
        super(404, message);
    }

    @Override
    public String messageMember() {
        return "Message";
    }
}
