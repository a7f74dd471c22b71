package io.stratus.api.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.JsonBody;
import io.stratus.model.gateway.ApiStage;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CreateStage, GetStage, GetStages, UpdateStage, DeleteStage. Stage names are {@code $default} or up to 128
 * letters, digits, {@code -} and {@code _}; stage variable names are letters, digits and {@code _}. A stage serves
 * the deployment its {@code deploymentId} names, which must exist. An {@code autoDeploy} stage takes no
 * {@code deploymentId}: it gets a new automatic deployment when it is created or updated, and on every change to
 * the API's routes and integrations.
 */
final class StagesOperations {

    private static final Pattern STAGE_NAME = Pattern.compile("\\$default|[A-Za-z0-9_-]{1,128}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final Gateway gateway;
    private final Deployer deployer;

    StagesOperations(Gateway gateway, Deployer deployer) {
        this.gateway = gateway;
        this.deployer = deployer;
    }

    ApiResponse create(ApiRequest request) {
        String apiId = request.path("apiId");
        gateway.api(apiId);
        JsonBody body = request.json();
        String name = body.string("stageName").orElseThrow(() -> GatewayErrors.badRequest(
                "Invalid input: stageName is required."));
        if (!STAGE_NAME.matcher(name).matches()) {
            throw GatewayErrors.badRequest("Invalid stageName " + name + ": a stage name is $default or up to 128"
                    + " letters, digits, hyphens and underscores.");
        }
        long now = gateway.nowMs();
        boolean autoDeploy = body.bool("autoDeploy").orElse(false);
        ApiStage stage = new ApiStage(apiId, name, body.string("description"), autoDeploy,
                deploymentId(apiId, body.string("deploymentId"), autoDeploy),
                variables(body.stringMap("stageVariables").orElse(Map.of())), now, now, false);
        Optional<Boolean> created = gateway.store().createStage(stage);
        if (created.isEmpty()) {
            throw gateway.apiNotFound(apiId);
        }
        if (!created.get()) {
            throw GatewayErrors.conflict("Stage " + name + " already exists");
        }
        return ApiResponse.json(201, view(autoDeploy ? deployer.redeploy(stage) : stage));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, view(gateway.stage(request.path("apiId"),
                request.path("stageName"))));
    }

    ApiResponse list(ApiRequest request) {
        String apiId = request.path("apiId");
        gateway.api(apiId);
        return GatewayWire.list(Page.of(gateway.store().stages(apiId), request), this::view);
    }

    ApiResponse update(ApiRequest request) {
        ApiStage current = gateway.stage(request.path("apiId"), request.path("stageName"));
        JsonBody body = request.json();
        boolean autoDeploy = body.bool("autoDeploy").orElse(current.autoDeploy());
        ApiStage updated = new ApiStage(current.apiId(), current.stageName(),
                body.string("description").or(current::description), autoDeploy,
                deploymentId(current.apiId(), body.string("deploymentId"), autoDeploy).or(current::deploymentId),
                body.stringMap("stageVariables").map(StagesOperations::variables).orElse(current.stageVariables()),
                current.createdMs(), gateway.nowMs(), current.apiGatewayManaged());
        gateway.store().updateStage(updated);
        return ApiResponse.json(200, view(autoDeploy ? deployer.redeploy(updated) : updated));
    }

    ApiResponse delete(ApiRequest request) {
        ApiStage stage = gateway.stage(request.path("apiId"), request.path("stageName"));
        gateway.store().deleteStage(stage.apiId(), stage.stageName());
        return ApiResponse.empty(204);
    }

    private ObjectNode view(ApiStage stage) {
        return GatewayWire.stage(stage, deployer.lastStatusMessage(stage));
    }

    /** A requested deployment id, checked: it must exist, and an autoDeploy stage picks its own. */
    private Optional<String> deploymentId(String apiId, Optional<String> requested, boolean autoDeploy) {
        requested.ifPresent(id -> {
            if (autoDeploy) {
                throw GatewayErrors.badRequest("Invalid input: deploymentId " + id + " cannot be set on a stage with"
                        + " autoDeploy enabled; its deployments are made automatically.");
            }
            gateway.deployment(apiId, id);
        });
        return requested;
    }

    private static Map<String, String> variables(Map<String, String> variables) {
        for (String name : variables.keySet()) {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw GatewayErrors.badRequest("Invalid stage variable name " + name
                        + ": names are 1 to 64 letters, digits and underscores.");
            }
        }
        return variables;
    }
}
