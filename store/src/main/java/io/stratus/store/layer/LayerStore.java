package io.stratus.store.layer;

import io.stratus.model.layer.LayerPolicy;
import io.stratus.model.layer.LayerVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Durable layer versions. Every method is one transaction; implementations are thread-safe. Conflicts are reported
 * as return values so that the caller decides which AWS error they are.
 */
public interface LayerStore {

    /**
     * Publishes the next version of a layer: takes the number after the last one ever given to {@code layerName}
     * (1 for a new layer) and stores what {@code build} makes of it.
     *
     * @param build makes the version from its number; must not return another name or number
     * @return the stored version
     */
    LayerVersion publish(String layerName, LongFunction<LayerVersion> build);

    /** One version, if it exists (deleted versions do not). */
    Optional<LayerVersion> find(String layerName, long version);

    /** The versions of one layer, newest first. */
    List<LayerVersion> versions(String layerName);

    /** Every version of every layer: by layer name, then newest first. */
    List<LayerVersion> all();

    /**
     * Deletes a version and its policy.
     *
     * @return the deleted version, or empty when there was none
     */
    Optional<LayerVersion> delete(String layerName, long version);

    /** The policy of a version, empty when it has no statement (or the version does not exist). */
    Optional<LayerPolicy> policy(String layerName, long version);

    /**
     * Replaces the policy of an existing version, provided its revision is still {@code expectedRevisionId}
     * (compare-and-set; empty means "no policy yet").
     *
     * @param policy the new policy; no statements removes it
     * @return false, changing nothing, when the version is gone or the policy changed meanwhile
     */
    boolean replacePolicy(String layerName, long version, Optional<String> expectedRevisionId, LayerPolicy policy);

    /** SHA-256 hex of the packages of every existing layer version. */
    Set<String> referencedCode();

    /** True when some existing layer version holds the package {@code sha256Hex}. */
    boolean referencesCode(String sha256Hex);

    /** Sum of the package sizes of all layer versions. */
    long totalCodeBytes();
}
