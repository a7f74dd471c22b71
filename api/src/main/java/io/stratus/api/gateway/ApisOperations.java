package io.stratus.api.gateway;

import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.JsonBody;
import io.stratus.model.gateway.ApiIntegration;
import io.stratus.model.gateway.ApiRoute;
import io.stratus.model.gateway.ApiStage;
import io.stratus.model.gateway.HttpApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateApi (with quick create), GetApi, GetApis, UpdateApi, DeleteApi. Quick create — {@code target} and an
 * optional {@code routeKey} — makes, in the same transaction, an API-Gateway-managed {@code AWS_PROXY} integration
 * with payload format 2.0, the route ({@code $default} unless given) and the {@code $default} stage with
 * auto-deploy and its first automatic deployment, as API Gateway does.
 */
final class ApisOperations {

    private final Gateway gateway;
    private final Deployer deployer;

    ApisOperations(Gateway gateway, Deployer deployer) {
        this.gateway = gateway;
        this.deployer = deployer;
    }

    ApiResponse create(ApiRequest request) {
        JsonBody body = request.json();
        String name = name(body.string("name"));
        String protocol = body.string("protocolType").orElseThrow(() -> GatewayErrors.badRequest(
                "Invalid input: protocolType is required."));
        if (!protocol.equals(HttpApi.PROTOCOL_HTTP)) {
            throw GatewayErrors.badRequest("Invalid protocolType " + protocol
                    + ": this server supports HTTP APIs only.");
        }
        routeSelection(body.string("routeSelectionExpression"));
        Optional<String> target = body.string("target");
        Optional<String> routeKey = body.string("routeKey");
        if (routeKey.isPresent() && target.isEmpty()) {
            throw GatewayErrors.badRequest("Invalid input: routeKey is only allowed together with target.");
        }
        routeKey.ifPresent(RouteKey::parse);
        HttpApi api = new HttpApi(GatewayIds.apiId(), name, body.string("description"),
                HttpApi.DEFAULT_ROUTE_SELECTION, body.string("version"),
                body.bool("disableExecuteApiEndpoint").orElse(false), body.stringMap("tags").orElse(Map.of()),
                gateway.nowMs());
        if (target.isEmpty()) {
            gateway.store().createApi(api, List.of(), List.of(), List.of());
        } else {
            quickCreate(api, target.get(), routeKey.orElse(ApiRoute.DEFAULT_KEY));
        }
        return ApiResponse.json(201, GatewayWire.api(api, request.baseUrl()));
    }

    private void quickCreate(HttpApi api, String target, String routeKey) {
        if (LambdaUri.functionArn(target).isEmpty()) {
            throw GatewayErrors.badRequest("Invalid target " + target
                    + ": quick create supports Lambda function ARNs only.");
        }
        ApiIntegration integration = new ApiIntegration(api.apiId(), GatewayIds.partId(),
                ApiIntegration.AWS_PROXY, Optional.of(target), Optional.of("POST"), "2.0",
                ApiIntegration.MAX_TIMEOUT_MS, Optional.empty(), "INTERNET", true);
        ApiRoute route = new ApiRoute(api.apiId(), GatewayIds.partId(), routeKey,
                Optional.of(ApiRoute.TARGET_PREFIX + integration.integrationId()), "NONE", false, Optional.empty(),
                true);
        ApiStage stage = new ApiStage(api.apiId(), ApiStage.DEFAULT_STAGE, Optional.empty(), true, Optional.empty(),
                Map.of(), api.createdMs(), api.createdMs(), true);
        gateway.store().createApi(api, List.of(integration), List.of(route), List.of(stage));
        deployer.redeploy(stage);
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, GatewayWire.api(gateway.api(request.path("apiId")), request.baseUrl()));
    }

    ApiResponse list(ApiRequest request) {
        return GatewayWire.list(Page.of(gateway.store().apis(), request),
                api -> GatewayWire.api(api, request.baseUrl()));
    }

    ApiResponse update(ApiRequest request) {
        HttpApi current = gateway.api(request.path("apiId"));
        JsonBody body = request.json();
        if (body.has("target") || body.has("routeKey")) {
            throw GatewayErrors.badRequest("Updating a quick-created target or routeKey through UpdateApi is not"
                    + " supported; update the integration or route instead.");
        }
        routeSelection(body.string("routeSelectionExpression"));
        Optional<String> name = body.string("name");
        HttpApi updated = new HttpApi(current.apiId(), name.isPresent() ? name(name) : current.name(),
                body.string("description").or(current::description), current.routeSelectionExpression(),
                body.string("version").or(current::version),
                body.bool("disableExecuteApiEndpoint").orElse(current.disableExecuteApiEndpoint()), current.tags(),
                current.createdMs());
        if (!gateway.store().updateApi(updated)) {
            throw gateway.apiNotFound(current.apiId());
        }
        return ApiResponse.json(200, GatewayWire.api(updated, request.baseUrl()));
    }

    ApiResponse delete(ApiRequest request) {
        String apiId = request.path("apiId");
        if (!gateway.store().deleteApi(apiId)) {
            throw gateway.apiNotFound(apiId);
        }
        return ApiResponse.empty(204);
    }

    private static String name(Optional<String> name) {
        String value = name.orElseThrow(() -> GatewayErrors.badRequest("Invalid input: name is required."));
        if (value.isEmpty() || value.length() > 128) {
            throw GatewayErrors.badRequest("Invalid input: name must be between 1 and 128 characters long.");
        }
        return value;
    }

    private static void routeSelection(Optional<String> expression) {
        expression.filter(e -> !e.equals(HttpApi.DEFAULT_ROUTE_SELECTION)).ifPresent(e -> {
            throw GatewayErrors.badRequest("Invalid routeSelectionExpression " + e + ": HTTP APIs support only "
                    + HttpApi.DEFAULT_ROUTE_SELECTION + ".");
        });
    }
}
