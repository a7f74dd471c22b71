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
 * @param autoDeploy        reported as set; every stage serves the API's current routes (see docs/triggers.md)
 * @param stageVariables    name → value, passed to functions in the event
 * @param createdMs         creation time, epoch milliseconds
 * @param lastUpdatedMs     last update, epoch milliseconds
 * @param apiGatewayManaged true when quick create made it
 */
public record ApiStage(String apiId, String stageName, Optional<String> description, boolean autoDeploy,
                       Map<String, String> stageVariables, long createdMs, long lastUpdatedMs,
                       boolean apiGatewayManaged) {

    public ApiStage {
        stageVariables = Map.copyOf(stageVariables);
    }

    /** The stage served without a path prefix. */
    public static final String DEFAULT_STAGE = "$default";
}
