package io.stratus.api.gateway;

import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.JsonBody;
import io.stratus.model.gateway.ApiIntegration;
import io.stratus.model.gateway.ApiRoute;
import java.util.Optional;
import java.util.Set;

/**
 * CreateIntegration, GetIntegration, GetIntegrations, UpdateIntegration, DeleteIntegration. Only Lambda proxy
 * integrations ({@code AWS_PROXY}) can be invoked here, so other types are refused. The function is not looked up
 * at creation, as API Gateway does not either: a missing function shows up when the route is called. Every change
 * redeploys the API's autoDeploy stages.
 */
final class IntegrationsOperations {

    private static final Set<String> PAYLOAD_VERSIONS = Set.of("1.0", "2.0");

    private final Gateway gateway;
    private final Deployer deployer;

    IntegrationsOperations(Gateway gateway, Deployer deployer) {
        this.gateway = gateway;
        this.deployer = deployer;
    }

    ApiResponse create(ApiRequest request) {
        String apiId = request.path("apiId");
        gateway.api(apiId);
        JsonBody body = request.json();
        String type = body.string("integrationType").orElseThrow(() -> GatewayErrors.badRequest(
                "Invalid input: integrationType is required."));
        if (!type.equals(ApiIntegration.AWS_PROXY)) {
            throw GatewayErrors.badRequest("Invalid integrationType " + type
                    + ": this server supports AWS_PROXY integrations with Lambda functions only.");
        }
        String uri = uri(body.string("integrationUri").orElseThrow(() -> GatewayErrors.badRequest(
                "Invalid input: integrationUri is required for AWS_PROXY integrations.")));
        String payload = payloadVersion(body.string("payloadFormatVersion").orElseThrow(() ->
                GatewayErrors.badRequest("Invalid input: payloadFormatVersion is required for AWS_PROXY"
                        + " integrations.")));
        ApiIntegration integration = new ApiIntegration(apiId, GatewayIds.partId(), type, Optional.of(uri),
                Optional.of(body.string("integrationMethod").orElse("POST")), payload,
                timeout(body.integer("timeoutInMillis")), body.string("description"),
                body.string("connectionType").orElse("INTERNET"), false);
        if (!gateway.store().createIntegration(integration)) {
            throw gateway.apiNotFound(apiId);
        }
        deployer.redeployAutoStages(apiId);
        return ApiResponse.json(201, GatewayWire.integration(integration));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, GatewayWire.integration(gateway.integration(request.path("apiId"),
                request.path("integrationId"))));
    }

    ApiResponse list(ApiRequest request) {
        String apiId = request.path("apiId");
        gateway.api(apiId);
        return GatewayWire.list(Page.of(gateway.store().integrations(apiId), request),
                GatewayWire::integration);
    }

    ApiResponse update(ApiRequest request) {
        ApiIntegration current = gateway.integration(request.path("apiId"), request.path("integrationId"));
        JsonBody body = request.json();
        body.string("integrationType").filter(t -> !t.equals(ApiIntegration.AWS_PROXY)).ifPresent(t -> {
            throw GatewayErrors.badRequest("Invalid integrationType " + t
                    + ": this server supports AWS_PROXY integrations with Lambda functions only.");
        });
        Optional<Long> timeout = body.integer("timeoutInMillis");
        ApiIntegration updated = new ApiIntegration(current.apiId(), current.integrationId(),
                current.integrationType(), body.string("integrationUri").map(IntegrationsOperations::uri)
                .or(current::integrationUri), body.string("integrationMethod").or(current::integrationMethod),
                body.string("payloadFormatVersion").map(IntegrationsOperations::payloadVersion)
                        .orElse(current.payloadFormatVersion()),
                timeout.isPresent() ? timeout(timeout) : current.timeoutMs(),
                body.string("description").or(current::description), current.connectionType(),
                current.apiGatewayManaged());
        gateway.store().updateIntegration(updated);
        deployer.redeployAutoStages(updated.apiId());
        return ApiResponse.json(200, GatewayWire.integration(updated));
    }

    ApiResponse delete(ApiRequest request) {
        ApiIntegration integration = gateway.integration(request.path("apiId"), request.path("integrationId"));
        String target = ApiRoute.TARGET_PREFIX + integration.integrationId();
        for (ApiRoute route : gateway.store().routes(integration.apiId())) {
            if (route.target().filter(target::equals).isPresent()) {
                throw GatewayErrors.conflict("Cannot delete integration " + integration.integrationId()
                        + ": route " + route.routeId() + " (" + route.routeKey() + ") targets it.");
            }
        }
        gateway.store().deleteIntegration(integration.apiId(), integration.integrationId());
        deployer.redeployAutoStages(integration.apiId());
        return ApiResponse.empty(204);
    }

    private static String uri(String uri) {
        if (LambdaUri.functionArn(uri).isEmpty()) {
            throw GatewayErrors.badRequest("Invalid integrationUri " + uri + ": an AWS_PROXY integration needs a"
                    + " Lambda function ARN or arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/"
                    + "{functionArn}/invocations.");
        }
        return uri;
    }

    private static String payloadVersion(String version) {
        if (!PAYLOAD_VERSIONS.contains(version)) {
            throw GatewayErrors.badRequest("Invalid payloadFormatVersion " + version + ": must be 1.0 or 2.0.");
        }
        return version;
    }

    private static int timeout(Optional<Long> millis) {
        long value = millis.orElse((long) ApiIntegration.MAX_TIMEOUT_MS);
        if (value < ApiIntegration.MIN_TIMEOUT_MS || value > ApiIntegration.MAX_TIMEOUT_MS) {
            throw GatewayErrors.badRequest("Timeout must be between 50 milliseconds and 30000 milliseconds.");
        }
        return (int) value;
    }
}
