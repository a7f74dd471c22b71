package io.stratus.store.policy;

import java.util.Optional;

/**
 * Durable resource-based policies of functions, one per function and qualifier. Changes are compare-and-set on the
 * policy's revision id so two concurrent AddPermission calls cannot lose each other's statement.
 */
public interface PolicyStore {

    /** The unqualified policy's key. */
    String UNQUALIFIED = "";

    /**
     * A stored policy.
     *
     * @param revisionId changes with every change of the statements
     * @param statements the statements as a JSON array text, in the order they were added
     */
    record StoredPolicy(String revisionId, String statements) {
    }

    /** The policy of a function and qualifier ({@link #UNQUALIFIED} for none), if it has statements. */
    Optional<StoredPolicy> find(String functionName, String qualifier);

    /**
     * Replaces the policy when its revision is still {@code expectedRevision} (empty: when there is no policy yet).
     * An empty statement array removes the policy.
     *
     * @return false when the policy changed meanwhile, or the function no longer exists
     */
    boolean replace(String functionName, String qualifier, Optional<String> expectedRevision, StoredPolicy updated);
}
