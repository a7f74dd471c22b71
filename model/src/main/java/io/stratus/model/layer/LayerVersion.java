package io.stratus.model.layer;

import io.stratus.model.function.CodeRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One published version of a layer. Immutable, as layer versions are in Lambda.
 *
 * @param layerName               the layer's name ({@code [a-zA-Z0-9-_]+})
 * @param version                 1, 2, … per layer name; never reused
 * @param description             0-256 characters, {@code ""} by default
 * @param licenseInfo             0-512 characters, when given
 * @param compatibleRuntimes      runtime ids, when given (an empty list is shown as such)
 * @param compatibleArchitectures {@code x86_64}/{@code arm64}, when given
 * @param code                    the layer's zip in the code store
 * @param created                 when it was published
 */
public record LayerVersion(String layerName, long version, String description, Optional<String> licenseInfo,
                           Optional<List<String>> compatibleRuntimes, Optional<List<String>> compatibleArchitectures,
                           CodeRef code, Instant created) {

    public LayerVersion {
        Objects.requireNonNull(layerName, "layerName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(licenseInfo, "licenseInfo");
        compatibleRuntimes = compatibleRuntimes.map(List::copyOf);
        compatibleArchitectures = compatibleArchitectures.map(List::copyOf);
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(created, "created");
        if (version < 1) {
            throw new IllegalArgumentException("layer version must be at least 1: " + version);
        }
    }

    /** True when a ListLayers/ListLayerVersions filter lets this version through (an absent filter matches). */
    public boolean matches(Optional<String> runtime, Optional<String> architecture) {
        return runtime.map(r -> compatibleRuntimes.orElse(List.of()).contains(r)).orElse(true)
                && architecture.map(a -> compatibleArchitectures.orElse(List.of()).contains(a)).orElse(true);
    }
}
