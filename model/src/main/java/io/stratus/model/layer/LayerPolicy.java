package io.stratus.model.layer;

import java.util.List;
import java.util.Objects;

/**
 * The permission statements of one layer version, each a JSON object text as Lambda renders it, with the revision
 * id that changes on every change of the policy. Immutable.
 *
 * @param statements statement JSON texts, in the order they were added
 * @param revisionId UUID of this state of the policy
 */
public record LayerPolicy(List<String> statements, String revisionId) {

    public LayerPolicy {
        statements = List.copyOf(statements);
        Objects.requireNonNull(revisionId, "revisionId");
    }
}
