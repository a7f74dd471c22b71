package io.stratus.api.gateway;

import io.stratus.model.gateway.ApiDeployment;
import io.stratus.model.gateway.ApiStage;
import java.util.Optional;

/**
 * Makes deployments: the ones CreateDeployment asks for, and the automatic ones every {@code autoDeploy} stage gets
 * when the API's routes or integrations, or the stage itself, change. Each is a snapshot the store takes in the
 * transaction that stores it, so it holds exactly what the API had at that moment.
 */
final class Deployer {

    /** The description API Gateway gives the deployments it makes for autoDeploy stages. */
    private static final String AUTOMATIC = "Automatic deployment triggered by changes to the Api configuration";

    private final Gateway gateway;

    Deployer(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Deploys what the API has now, to the named stage if there is one.
     *
     * @throws io.stratus.model.error.ServiceError {@code NotFoundException} when the API or the stage is gone
     */
    ApiDeployment deploy(String apiId, Optional<String> description, Optional<String> stageName) {
        ApiDeployment deployment = new ApiDeployment(apiId, GatewayIds.deploymentId(), description, false,
                gateway.nowMs());
        if (!gateway.store().createDeployment(deployment, stageName)) {
            // deleted between the caller's lookups and this transaction: report what the lookups would now report
            stageName.ifPresent(name -> gateway.stage(apiId, name));
            throw gateway.apiNotFound(apiId);
        }
        return deployment;
    }

    /** Gives every autoDeploy stage of the API a new automatic deployment. */
    void redeployAutoStages(String apiId) {
        gateway.store().stages(apiId).stream().filter(ApiStage::autoDeploy).forEach(this::redeploy);
    }

    /**
     * Gives an autoDeploy stage a new automatic deployment.
     *
     * @return the stage as it is now, serving that deployment (unchanged when it was deleted meanwhile)
     */
    ApiStage redeploy(ApiStage stage) {
        ApiDeployment deployment = new ApiDeployment(stage.apiId(), GatewayIds.deploymentId(),
                Optional.of(AUTOMATIC), true, gateway.nowMs());
        if (!gateway.store().createDeployment(deployment, Optional.of(stage.stageName()))) {
            return stage;
        }
        return stage.withDeploymentId(deployment.deploymentId());
    }
}
