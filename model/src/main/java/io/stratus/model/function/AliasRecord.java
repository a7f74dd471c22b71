package io.stratus.model.function;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A function alias: a name pointing to a published version (or {@code $LATEST}), optionally routing a weighted
 * share of invocations to one additional version.
 *
 * @param functionName    the function
 * @param name            the alias name
 * @param functionVersion the version it points to
 * @param description     up to 256 characters
 * @param weights         additional version → share of invocations (0.0–1.0); at most one entry
 * @param revisionId      changes with every update
 */
public record AliasRecord(String functionName, String name, String functionVersion, String description,
                          Map<String, Double> weights, String revisionId) {

    public AliasRecord {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(functionVersion, "functionVersion");
        Objects.requireNonNull(description, "description");
        weights = java.util.Collections.unmodifiableMap(new TreeMap<>(weights));
        Objects.requireNonNull(revisionId, "revisionId");
    }

    /**
     * The version one invocation runs: the additional version with its weight's probability, else the primary.
     *
     * @param draw a uniform random number in [0, 1)
     */
    public String pick(double draw) {
        double cumulative = 0;
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            cumulative += entry.getValue();
            if (draw < cumulative) {
                return entry.getKey();
            }
        }
        return functionVersion;
    }
}
