package io.stratus.model.error;

/** No provisioned concurrency is configured for the version or alias asked about (HTTP 404). */
public final class ProvisionedConcurrencyConfigNotFoundException extends AwsException {

    public ProvisionedConcurrencyConfigNotFoundException(String message) {
        super(404, message);
    }
}
