package io.stratus.api.gateway;

import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.JsonBody;
import io.stratus.model.gateway.ApiDeployment;
import io.stratus.model.gateway.ApiStage;
import java.util.Optional;

/**
 * CreateDeployment, GetDeployment, GetDeployments, UpdateDeployment, DeleteDeployment. A deployment named with a
 * {@code stageName} is served by that stage at once; a stage with {@code autoDeploy} only takes the automatic ones,
 * and a deployment a stage serves cannot be deleted, as in API Gateway.
 */
final class DeploymentsOperations {

    private final Gateway gateway;
    private final Deployer deployer;

    DeploymentsOperations(Gateway gateway, Deployer deployer) {
        this.gateway = gateway;
        this.deployer = deployer;
    }

    ApiResponse create(ApiRequest request) {
        String apiId = request.path("apiId");
        gateway.api(apiId);
        JsonBody body = request.json();
        Optional<String> stageName = body.string("stageName");
        stageName.map(name -> gateway.stage(apiId, name)).filter(ApiStage::autoDeploy).ifPresent(stage -> {
            throw GatewayErrors.badRequest("Stage " + stage.stageName() + " has autoDeploy enabled: it is deployed"
                    + " automatically on every change and cannot be the target of CreateDeployment.");
        });
        ApiDeployment deployment = deployer.deploy(apiId, body.string("description"), stageName);
        return ApiResponse.json(201, GatewayWire.deployment(deployment));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, GatewayWire.deployment(gateway.deployment(request.path("apiId"),
                request.path("deploymentId"))));
    }

    ApiResponse list(ApiRequest request) {
        String apiId = request.path("apiId");
        gateway.api(apiId);
        return GatewayWire.list(Page.of(gateway.store().deployments(apiId), request), GatewayWire::deployment);
    }

    ApiResponse update(ApiRequest request) {
        ApiDeployment current = gateway.deployment(request.path("apiId"), request.path("deploymentId"));
        ApiDeployment updated = current.withDescription(request.json().string("description")
                .or(current::description));
        gateway.store().updateDeployment(updated);
        return ApiResponse.json(200, GatewayWire.deployment(updated));
    }

    ApiResponse delete(ApiRequest request) {
        ApiDeployment deployment = gateway.deployment(request.path("apiId"), request.path("deploymentId"));
        Optional<Boolean> deleted = gateway.store().deleteDeployment(deployment.apiId(), deployment.deploymentId());
        if (deleted.isEmpty()) {
            // deleted by a concurrent request since the lookup
            throw gateway.deploymentNotFound(deployment.deploymentId());
        }
        if (!deleted.get()) {
            // API Gateway's wording (recorded for REST APIs, whose deployments follow the same rule)
            throw GatewayErrors.badRequest("Active stages pointing to this deployment must be moved or deleted");
        }
        return ApiResponse.empty(204);
    }
}
