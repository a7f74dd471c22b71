package io.stratus.store.gateway;

import io.stratus.model.gateway.ApiDeployment;
import io.stratus.model.gateway.ApiIntegration;
import io.stratus.model.gateway.ApiRoute;
import io.stratus.model.gateway.ApiStage;
import io.stratus.model.gateway.DeploymentSnapshot;
import io.stratus.model.gateway.HttpApi;
import java.util.List;
import java.util.Optional;

/**
 * HTTP APIs and their parts. Every method is one transaction; lists are in creation order. Writes to the parts of
 * an API that does not exist (any more) return false or empty rather than failing, so a concurrent DeleteApi is
 * reported as "not found" by the caller.
 */
public interface HttpApiStore {

    /** Stores a new API together with the parts quick create makes (any list may be empty). */
    void createApi(HttpApi api, List<ApiIntegration> integrations, List<ApiRoute> routes, List<ApiStage> stages);

    Optional<HttpApi> api(String apiId);

    List<HttpApi> apis();

    /** Replaces an API's document; false when it does not exist. */
    boolean updateApi(HttpApi api);

    /** Deletes an API and all its parts; false when it did not exist. */
    boolean deleteApi(String apiId);

    /** Adds a route; empty when the API is gone, {@code false} when its route key is taken. */
    Optional<Boolean> createRoute(ApiRoute route);

    /** Replaces a route; false when its new route key is taken by another route. */
    boolean updateRoute(ApiRoute route);

    Optional<ApiRoute> route(String apiId, String routeId);

    List<ApiRoute> routes(String apiId);

    boolean deleteRoute(String apiId, String routeId);

    /** Adds an integration; false when the API is gone. */
    boolean createIntegration(ApiIntegration integration);

    void updateIntegration(ApiIntegration integration);

    Optional<ApiIntegration> integration(String apiId, String integrationId);

    List<ApiIntegration> integrations(String apiId);

    boolean deleteIntegration(String apiId, String integrationId);

    /** Adds a stage; empty when the API is gone, {@code false} when the name is taken. */
    Optional<Boolean> createStage(ApiStage stage);

    void updateStage(ApiStage stage);

    Optional<ApiStage> stage(String apiId, String stageName);

    List<ApiStage> stages(String apiId);

    boolean deleteStage(String apiId, String stageName);

    /**
     * Stores a deployment with a snapshot of the API's routes and integrations as they are now and, when a stage is
     * named, points that stage at it, all in one transaction; false when the API or the stage is gone.
     */
    boolean createDeployment(ApiDeployment deployment, Optional<String> stageName);

    Optional<ApiDeployment> deployment(String apiId, String deploymentId);

    List<ApiDeployment> deployments(String apiId);

    /** What the deployment serves. */
    Optional<DeploymentSnapshot> snapshot(String apiId, String deploymentId);

    /** Replaces a deployment's record (its snapshot never changes). */
    void updateDeployment(ApiDeployment deployment);

    /** Deletes a deployment; empty when it does not exist, {@code false} when a stage still serves it. */
    Optional<Boolean> deleteDeployment(String apiId, String deploymentId);
}
