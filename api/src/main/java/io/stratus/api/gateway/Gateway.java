package io.stratus.api.gateway;

import io.stratus.model.function.Partition;
import io.stratus.model.gateway.ApiDeployment;
import io.stratus.model.gateway.ApiIntegration;
import io.stratus.model.gateway.ApiRoute;
import io.stratus.model.gateway.ApiStage;
import io.stratus.model.gateway.HttpApi;
import io.stratus.store.gateway.HttpApiStore;
import java.time.InstantSource;

/**
 * What every HTTP API operation shares: the partition, the store, the clock, and the lookups that turn a missing
 * resource into API Gateway's {@code NotFoundException}.
 *
 * @param partition account and region, for messages and ARNs
 * @param store     durable APIs
 * @param clock     time source for created/updated dates
 */
record Gateway(Partition partition, HttpApiStore store, InstantSource clock) {

    HttpApi api(String apiId) {
        return store.api(apiId).orElseThrow(() -> apiNotFound(apiId));
    }

    RuntimeException apiNotFound(String apiId) {
        return GatewayErrors.notFound("Api", "Invalid API identifier specified " + partition.accountId() + ":"
                + apiId);
    }

    ApiRoute route(String apiId, String routeId) {
        api(apiId);
        return store.route(apiId, routeId).orElseThrow(() -> GatewayErrors.notFound("Route",
                "Invalid Route identifier specified " + routeId));
    }

    ApiIntegration integration(String apiId, String integrationId) {
        api(apiId);
        return store.integration(apiId, integrationId).orElseThrow(() -> GatewayErrors.notFound(
                "Integration", "Invalid Integration identifier specified " + integrationId));
    }

    ApiStage stage(String apiId, String stageName) {
        api(apiId);
        return store.stage(apiId, stageName).orElseThrow(() -> GatewayErrors.notFound("Stage",
                "Invalid stage identifier specified " + stageName));
    }

    ApiDeployment deployment(String apiId, String deploymentId) {
        api(apiId);
        return store.deployment(apiId, deploymentId).orElseThrow(() -> deploymentNotFound(deploymentId));
    }

    RuntimeException deploymentNotFound(String deploymentId) {
        return GatewayErrors.notFound("Deployment", "Invalid Deployment identifier specified " + deploymentId);
    }

    long nowMs() {
        return clock.millis();
    }
}
