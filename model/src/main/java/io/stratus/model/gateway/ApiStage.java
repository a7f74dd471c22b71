package io.stratus.model.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * A stage of an HTTP API: the name requests are addressed by ({@code $default} has no path prefix) and its stage
 * variables. Immutable.
 *
 * @param apiId             owning API
 * @param stageName         {@code $default} or a name of letters, digits, {@code -} and {@code _}
 * @param description       free text
 * @param autoDeploy        true when every change to the API's routes, integrations or this stage deploys it anew
 * @param deploymentId      the deployment it serves; a stage without one answers 404
 * @param stageVariables    name → value, passed to functions in the event
 * @param createdMs         creation time, epoch milliseconds
 * @param lastUpdatedMs     last update, epoch milliseconds
 * @param apiGatewayManaged true when quick create made it
 */
public record ApiStage(String apiId, String stageName, Optional<String> description, boolean autoDeploy,
                       Optional<String> deploymentId, Map<String, String> stageVariables, long createdMs,
                       long lastUpdatedMs, boolean apiGatewayManaged) {

    public ApiStage {
        stageVariables = Map.copyOf(stageVariables);
    }

    /** The same stage serving another deployment. */
    public ApiStage withDeploymentId(String newDeploymentId) {
        return new ApiStage(apiId, stageName, description, autoDeploy, Optional.of(newDeploymentId), stageVariables,
                createdMs, lastUpdatedMs, apiGatewayManaged);
    }

    /** The stage served without a path prefix. */
    public static final String DEFAULT_STAGE = "$default";
}
