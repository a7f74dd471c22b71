package io.stratus.model.gateway;

import java.util.Optional;

/**
 * A deployment of an HTTP API: the record API Gateway reports. What it serves, the routes and integrations as they
 * were when it was made, is its {@link DeploymentSnapshot}, kept beside it and never changed. Immutable.
 *
 * @param apiId        owning API
 * @param deploymentId 6 lower-case alphanumerics
 * @param description  free text, the only member UpdateDeployment changes
 * @param autoDeployed true when an {@code autoDeploy} stage made it on a change, false for CreateDeployment
 * @param createdMs    creation time, epoch milliseconds
 */
public record ApiDeployment(String apiId, String deploymentId, Optional<String> description, boolean autoDeployed,
                            long createdMs) {

    /** The same deployment with another description. */
    public ApiDeployment withDescription(Optional<String> newDescription) {
        return new ApiDeployment(apiId, deploymentId, newDescription, autoDeployed, createdMs);
    }
}
