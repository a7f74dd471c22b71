package io.stratus.model.gateway;

import java.util.List;
import java.util.Optional;

/**
 * The routes and integrations of an API as a stage serves them: frozen at a deployment, or read live for an
 * {@code autoDeploy} stage. Immutable.
 *
 * @param routes       in creation order
 * @param integrations in creation order
 */
public record DeploymentSnapshot(List<ApiRoute> routes, List<ApiIntegration> integrations) {

    public DeploymentSnapshot {
        routes = List.copyOf(routes);
        integrations = List.copyOf(integrations);
    }

    /** The integration with this id, if the snapshot has it. */
    public Optional<ApiIntegration> integration(String integrationId) {
        return integrations.stream().filter(i -> i.integrationId().equals(integrationId)).findFirst();
    }
}
