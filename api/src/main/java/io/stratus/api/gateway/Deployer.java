package io.stratus.api.gateway;

import io.stratus.model.gateway.ApiDeployment;
import io.stratus.model.gateway.ApiStage;
import java.util.Optional;

/**
 * Makes deployments: the ones CreateDeployment asks for, and the automatic ones every {@code autoDeploy} stage gets
 * when the API's routes or integrations, or the stage itself, change. Each is a snapshot the store takes in the
 * transaction that stores it, so it holds exactly what the API had at that moment. As in API Gateway, an API
 * without routes cannot be deployed: CreateDeployment is refused, and an automatic attempt fails, leaving the stage
 * on the deployment it had.
 */
final class Deployer {

    /** The description API Gateway gives the deployments it makes for autoDeploy stages. */
    private static final String AUTOMATIC = "Automatic deployment triggered by changes to the Api configuration";
    private static final String NO_ROUTES = "Unable to deploy API because no routes exist in this API";

    private final Gateway gateway;

    Deployer(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Deploys what the API has now, to the named stage if there is one.
     *
     * @throws io.stratus.model.error.ServiceError {@code BadRequestException} when the API has no routes,
     *                                             {@code NotFoundException} when the API or the stage is gone
     */
    ApiDeployment deploy(String apiId, Optional<String> description, Optional<String> stageName) {
        if (!deployable(apiId)) {
            throw GatewayErrors.badRequest(NO_ROUTES);
        }
        ApiDeployment deployment = new ApiDeployment(apiId, GatewayIds.deploymentId(), description, false,
                gateway.nowMs());
        if (!gateway.store().createDeployment(deployment, stageName)) {
            // deleted between the caller's lookups and this transaction: the lookups now say which
            stageName.ifPresent(name -> gateway.stage(apiId, name));
            throw gateway.apiNotFound(apiId);
        }
        return deployment;
    }

    /** Gives every autoDeploy stage of the API a new automatic deployment, if the API can be deployed. */
    void redeployAutoStages(String apiId) {
        if (deployable(apiId)) {
            gateway.store().stages(apiId).stream().filter(ApiStage::autoDeploy).forEach(this::redeploy);
        }
    }

    /**
     * Gives an autoDeploy stage a new automatic deployment, if the API can be deployed.
     *
     * @return the stage as it is now (unchanged when the API has no routes, or the stage was deleted meanwhile)
     */
    ApiStage redeploy(ApiStage stage) {
        if (!deployable(stage.apiId())) {
            return stage;
        }
        ApiDeployment deployment = new ApiDeployment(stage.apiId(), GatewayIds.deploymentId(),
                Optional.of(AUTOMATIC), true, gateway.nowMs());
        if (!gateway.store().createDeployment(deployment, Optional.of(stage.stageName()))) {
            return stage;
        }
        return stage.withDeploymentId(deployment.deploymentId());
    }

    /**
     * API Gateway's {@code lastDeploymentStatusMessage}, reported for autoDeploy stages only. Every change makes an
     * automatic attempt, so the last one failed exactly when the API has no routes now.
     */
    Optional<String> lastStatusMessage(ApiStage stage) {
        if (!stage.autoDeploy()) {
            return Optional.empty();
        }
        if (!deployable(stage.apiId())) {
            return Optional.of("Deployment attempt failed: " + NO_ROUTES);
        }
        return stage.deploymentId().map(id -> "Successfully deployed stage with deployment ID '" + id + "'");
    }

    private boolean deployable(String apiId) {
        return !gateway.store().routes(apiId).isEmpty();
    }
}
