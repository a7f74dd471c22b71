package io.stratus.model.gateway;

import java.util.Optional;

/**
 * An integration of an HTTP API: where matched requests go. Only {@code AWS_PROXY} to a Lambda function is
 * invoked. Immutable.
 *
 * @param apiId                owning API
 * @param integrationId        7 lower-case alphanumerics
 * @param integrationType      {@code AWS_PROXY} (others are refused by the API layer)
 * @param integrationUri       the function ARN, or the {@code arn:aws:apigateway:…:lambda:path/…/invocations} form
 * @param integrationMethod    {@code POST} for Lambda proxy integrations
 * @param payloadFormatVersion {@code 1.0} or {@code 2.0}
 * @param timeoutMs            50–30000
 * @param description          free text
 * @param connectionType       {@code INTERNET}
 * @param apiGatewayManaged    true when quick create made it
 */
public record ApiIntegration(String apiId, String integrationId, String integrationType,
                             Optional<String> integrationUri, Optional<String> integrationMethod,
                             String payloadFormatVersion, int timeoutMs, Optional<String> description,
                             String connectionType, boolean apiGatewayManaged) {

    /** Lambda proxy integration type. */
    public static final String AWS_PROXY = "AWS_PROXY";
    /** Default and largest integration timeout of HTTP APIs. */
    public static final int MAX_TIMEOUT_MS = 30_000;
    /** Smallest integration timeout. */
    public static final int MIN_TIMEOUT_MS = 50;
}
