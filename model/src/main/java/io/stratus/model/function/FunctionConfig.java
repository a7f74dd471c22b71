package io.stratus.model.function;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The version-specific configuration of a function: everything a client sets with CreateFunction or
 * UpdateFunctionConfiguration and that PublishVersion freezes. Immutable; change it through {@link #toBuilder()}.
 *
 * @param runtime             runtime id such as {@code nodejs22.x}
 * @param handler             handler string, such as {@code index.handler}
 * @param role                execution role ARN
 * @param description         0-256 characters, {@code ""} by default
 * @param timeoutSeconds      1-900
 * @param memoryMb            128-10240
 * @param environment         the variables, present when the client ever supplied {@code Environment}
 * @param ephemeralStorageMb  512-10240
 * @param architecture        {@code x86_64} or {@code arm64}
 * @param layers              layer versions in merge order (later ones overwrite files of earlier ones)
 * @param tracingMode         {@code PassThrough} or {@code Active}
 * @param deadLetterTargetArn where failed asynchronous events go
 * @param kmsKeyArn           customer key for environment encryption, as configured
 * @param logging             log format and group
 * @param vpc                 network placement, as configured
 * @param snapStartApplyOn    {@code None} or {@code PublishedVersions}
 */
public record FunctionConfig(String runtime, String handler, String role, String description, int timeoutSeconds,
                             int memoryMb, Optional<Map<String, String>> environment, int ephemeralStorageMb,
                             String architecture, List<FunctionLayer> layers, String tracingMode,
                             Optional<String> deadLetterTargetArn, Optional<String> kmsKeyArn, LoggingConfig logging,
                             Optional<VpcConfig> vpc, String snapStartApplyOn) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 3;
    public static final int DEFAULT_MEMORY_MB = 128;
    public static final int DEFAULT_EPHEMERAL_STORAGE_MB = 512;

    public FunctionConfig {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(description, "description");
        environment = environment.map(m -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m)));
        Objects.requireNonNull(architecture, "architecture");
        layers = List.copyOf(layers);
        Objects.requireNonNull(tracingMode, "tracingMode");
        Objects.requireNonNull(deadLetterTargetArn, "deadLetterTargetArn");
        Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(snapStartApplyOn, "snapStartApplyOn");
    }

    /** A builder with Lambda's defaults for everything but the required runtime, handler and role. */
    public static Builder builder(String functionName) {
        return new Builder(functionName);
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder(logging.logGroup());
        b.runtime = runtime;
        b.handler = handler;
        b.role = role;
        b.description = description;
        b.timeoutSeconds = timeoutSeconds;
        b.memoryMb = memoryMb;
        b.environment = environment;
        b.ephemeralStorageMb = ephemeralStorageMb;
        b.architecture = architecture;
        b.layers = layers;
        b.tracingMode = tracingMode;
        b.deadLetterTargetArn = deadLetterTargetArn;
        b.kmsKeyArn = kmsKeyArn;
        b.logging = logging;
        b.vpc = vpc;
        b.snapStartApplyOn = snapStartApplyOn;
        return b;
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String runtime = "";
        private String handler = "";
        private String role = "";
        private String description = "";
        private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        private int memoryMb = DEFAULT_MEMORY_MB;
        private Optional<Map<String, String>> environment = Optional.empty();
        private int ephemeralStorageMb = DEFAULT_EPHEMERAL_STORAGE_MB;
        private String architecture = "x86_64";
        private List<FunctionLayer> layers = List.of();
        private String tracingMode = "PassThrough";
        private Optional<String> deadLetterTargetArn = Optional.empty();
        private Optional<String> kmsKeyArn = Optional.empty();
        private LoggingConfig logging;
        private Optional<VpcConfig> vpc = Optional.empty();
        private String snapStartApplyOn = "None";

        private Builder(String functionNameOrLogGroup) {
            this.logging = functionNameOrLogGroup.startsWith("/")
                    ? new LoggingConfig("Text", Optional.empty(), Optional.empty(), functionNameOrLogGroup)
                    : LoggingConfig.defaultFor(functionNameOrLogGroup);
        }

        public Builder runtime(String value) {
            this.runtime = value;
            return this;
        }

        public Builder handler(String value) {
            this.handler = value;
            return this;
        }

        public Builder role(String value) {
            this.role = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder timeoutSeconds(int value) {
            this.timeoutSeconds = value;
            return this;
        }

        public Builder memoryMb(int value) {
            this.memoryMb = value;
            return this;
        }

        public Builder environment(Map<String, String> value) {
            this.environment = Optional.of(value);
            return this;
        }

        public Builder ephemeralStorageMb(int value) {
            this.ephemeralStorageMb = value;
            return this;
        }

        public Builder architecture(String value) {
            this.architecture = value;
            return this;
        }

        public Builder layers(List<FunctionLayer> value) {
            this.layers = value;
            return this;
        }

        public Builder tracingMode(String value) {
            this.tracingMode = value;
            return this;
        }

        /** Sets the dead-letter target; an empty string clears it, as in Lambda. */
        public Builder deadLetterTargetArn(String value) {
            this.deadLetterTargetArn = value.isEmpty() ? Optional.empty() : Optional.of(value);
            return this;
        }

        /** Sets the KMS key; an empty string clears it, as in Lambda. */
        public Builder kmsKeyArn(String value) {
            this.kmsKeyArn = value.isEmpty() ? Optional.empty() : Optional.of(value);
            return this;
        }

        public Builder logging(LoggingConfig value) {
            this.logging = value;
            return this;
        }

        public Builder vpc(VpcConfig value) {
            this.vpc = Optional.of(value);
            return this;
        }

        public Builder snapStartApplyOn(String value) {
            this.snapStartApplyOn = value;
            return this;
        }

        public FunctionConfig build() {
            return new FunctionConfig(runtime, handler, role, description, timeoutSeconds, memoryMb, environment,
                    ephemeralStorageMb, architecture, layers, tracingMode, deadLetterTargetArn, kmsKeyArn, logging,
                    vpc, snapStartApplyOn);
        }
    }
}
