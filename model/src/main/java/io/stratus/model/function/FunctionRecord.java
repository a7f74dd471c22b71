package io.stratus.model.function;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a function as the store holds it: its configuration, its code, and its lifecycle fields.
 *
 * @param name         the function name
 * @param version      {@code $LATEST} or a version number
 * @param config       the version's configuration
 * @param code         the deployment package
 * @param revisionId   changes on every mutation of this version (optimistic locking)
 * @param lastModified when code or configuration last changed
 * @param state        lifecycle fields
 */
public record FunctionRecord(String name, String version, FunctionConfig config, CodeRef code, String revisionId,
                             Instant lastModified, FunctionState state) {

    public FunctionRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(revisionId, "revisionId");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(state, "state");
    }

    /** A copy with new lifecycle fields and revision. */
    public FunctionRecord withState(FunctionState newState, String newRevisionId) {
        return new FunctionRecord(name, version, config, code, newRevisionId, lastModified, newState);
    }

    /** A copy with a changed configuration or code: new revision, new modification time, update in progress. */
    public FunctionRecord updated(FunctionConfig newConfig, CodeRef newCode, String newRevisionId, Instant now) {
        return new FunctionRecord(name, version, newConfig, newCode, newRevisionId, now, FunctionState.updating());
    }
}
