package io.stratus.api.gateway;

import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.JsonBody;
import io.stratus.model.gateway.ApiRoute;
import java.util.Optional;

/**
 * CreateRoute, GetRoute, GetRoutes, UpdateRoute, DeleteRoute. Route keys are validated as API Gateway does and are
 * unique per API ({@code ConflictException}); a target must name an existing integration of the same API.
 * Authorizers are not served, so only {@code authorizationType NONE} is accepted: a route that claims protection
 * it does not get would be worse than a refusal. Every change redeploys the API's autoDeploy stages.
 */
final class RoutesOperations {

    private final Gateway gateway;
    private final Deployer deployer;

    RoutesOperations(Gateway gateway, Deployer deployer) {
        this.gateway = gateway;
        this.deployer = deployer;
    }

    ApiResponse create(ApiRequest request) {
        String apiId = request.path("apiId");
        gateway.api(apiId);
        JsonBody body = request.json();
        String routeKey = body.string("routeKey").orElseThrow(() -> GatewayErrors.badRequest(
                "Invalid input: routeKey is required."));
        RouteKey.parse(routeKey);
        Optional<String> target = body.string("target");
        target.ifPresent(t -> checkTarget(apiId, t));
        ApiRoute route = new ApiRoute(apiId, GatewayIds.partId(), routeKey, target,
                authorization(body.string("authorizationType")), body.bool("apiKeyRequired").orElse(false),
                body.string("operationName"), false);
        Optional<Boolean> created = gateway.store().createRoute(route);
        if (created.isEmpty()) {
            throw gateway.apiNotFound(apiId);
        }
        if (!created.get()) {
            throw duplicate(routeKey);
        }
        deployer.redeployAutoStages(apiId);
        return ApiResponse.json(201, GatewayWire.route(route));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, GatewayWire.route(gateway.route(request.path("apiId"),
                request.path("routeId"))));
    }

    ApiResponse list(ApiRequest request) {
        String apiId = request.path("apiId");
        gateway.api(apiId);
        return GatewayWire.list(Page.of(gateway.store().routes(apiId), request), GatewayWire::route);
    }

    ApiResponse update(ApiRequest request) {
        ApiRoute current = gateway.route(request.path("apiId"), request.path("routeId"));
        JsonBody body = request.json();
        Optional<String> routeKey = body.string("routeKey");
        routeKey.ifPresent(RouteKey::parse);
        Optional<String> target = body.string("target");
        target.ifPresent(t -> checkTarget(current.apiId(), t));
        String authorization = body.has("authorizationType")
                ? authorization(body.string("authorizationType")) : current.authorizationType();
        ApiRoute updated = new ApiRoute(current.apiId(), current.routeId(), routeKey.orElse(current.routeKey()),
                target.or(current::target), authorization,
                body.bool("apiKeyRequired").orElse(current.apiKeyRequired()),
                body.string("operationName").or(current::operationName), current.apiGatewayManaged());
        if (!gateway.store().updateRoute(updated)) {
            throw duplicate(updated.routeKey());
        }
        deployer.redeployAutoStages(updated.apiId());
        return ApiResponse.json(200, GatewayWire.route(updated));
    }

    ApiResponse delete(ApiRequest request) {
        ApiRoute route = gateway.route(request.path("apiId"), request.path("routeId"));
        gateway.store().deleteRoute(route.apiId(), route.routeId());
        deployer.redeployAutoStages(route.apiId());
        return ApiResponse.empty(204);
    }

    private void checkTarget(String apiId, String target) {
        if (!target.startsWith(ApiRoute.TARGET_PREFIX)) {
            throw GatewayErrors.badRequest("Invalid target " + target + ": a route's target must be of the form "
                    + ApiRoute.TARGET_PREFIX + "{integrationId}.");
        }
        String integrationId = target.substring(ApiRoute.TARGET_PREFIX.length());
        if (gateway.store().integration(apiId, integrationId).isEmpty()) {
            throw GatewayErrors.badRequest("Invalid target " + target + ": integration " + integrationId
                    + " does not exist in API " + apiId + ".");
        }
    }

    private static String authorization(Optional<String> type) {
        String value = type.orElse("NONE");
        if (!value.equals("NONE")) {
            throw GatewayErrors.badRequest("Invalid authorizationType " + value
                    + ": this server supports only NONE (authorizers are not available).");
        }
        return value;
    }

    private static RuntimeException duplicate(String routeKey) {
        return GatewayErrors.conflict("Route with key " + routeKey + " already exists for this API");
    }
}
