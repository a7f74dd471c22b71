package io.stratus.api.lambda;

import io.stratus.api.JsonBody;
import io.stratus.api.WireJson;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.function.FunctionConfig;
import io.stratus.model.function.FunctionLayer;
import io.stratus.model.function.LoggingConfig;
import io.stratus.model.function.Runtimes;
import io.stratus.model.function.VpcConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the configuration members shared by CreateFunction and UpdateFunctionConfiguration and checks them as
 * Lambda does: first every modeled constraint (length, pattern, enum, range), reported together as one
 * ValidationException; then the semantic rules (runtime support, environment size and reserved keys, layers),
 * each an InvalidParameterValueException with the real service's wording.
 */
final class FunctionInputs {

    static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
    static final String HANDLER_PATTERN = "[^\\s]+";
    static final String ENV_KEY_PATTERN = "[a-zA-Z]([a-zA-Z0-9_])+";
    static final String ARN_OR_EMPTY_PATTERN = "(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()";
    static final String LOG_GROUP_PATTERN = "[\\.\\-_/#A-Za-z0-9]+";
    static final String LAYER_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+"
            + "-\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+)";
    static final int MAX_ENVIRONMENT_BYTES = 4096;
    static final int MAX_LAYERS = 5;
    static final List<String> ARCHITECTURES = List.of("x86_64", "arm64");
    static final List<String> RESERVED_ENV_KEYS = List.of("_HANDLER", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private FunctionInputs() {
    }

    /**
     * Applies the configuration members present in {@code body} to {@code config}, collecting modeled-constraint
     * violations in {@code violations}. Members absent from the body leave the builder unchanged.
     *
     * @return the layer version ARNs the body asks for, when it has {@code Layers}; attach them with
     *         {@link #withLayers} once the semantic checks passed
     */
    static Optional<List<String>> apply(JsonBody body, FunctionConfig.Builder config, FunctionConfig current,
                                        ConstraintViolations violations) {
        body.string("Role").ifPresent(role -> {
            violations.pattern(role, "role", ROLE_PATTERN);
            config.role(role);
        });
        body.string("Handler").ifPresent(handler -> {
            violations.length(handler, "handler", 0, 128).pattern(handler, "handler", HANDLER_PATTERN);
            config.handler(handler);
        });
        body.string("Description").ifPresent(d -> {
            violations.length(d, "description", 0, 256);
            config.description(d);
        });
        body.integer("Timeout").ifPresent(t -> {
            violations.range(t, "timeout", 1, 900);
            config.timeoutSeconds(t.intValue());
        });
        body.integer("MemorySize").ifPresent(m -> {
            violations.range(m, "memorySize", 128, 10240);
            config.memoryMb(m.intValue());
        });
        body.string("Runtime").ifPresent(config::runtime);
        body.object("Environment").ifPresent(env -> {
            Map<String, String> variables = env.stringMap("Variables").orElse(Map.of());
            List<String> badKeys = variables.keySet().stream().filter(k -> !k.matches(ENV_KEY_PATTERN)).toList();
            if (!badKeys.isEmpty()) {
                violations.add(badKeys, "environment.variables", "Map keys must satisfy constraint: "
                        + "[Member must satisfy regular expression pattern: " + ENV_KEY_PATTERN + "]");
            }
            config.environment(new LinkedHashMap<>(variables));
        });
        body.object("EphemeralStorage").ifPresent(storage -> {
            Long size = storage.integer("Size").orElse(null);
            violations.required(size, "ephemeralStorage.size").range(size, "ephemeralStorage.size", 512, 10240);
            if (size != null) {
                config.ephemeralStorageMb(size.intValue());
            }
        });
        body.object("TracingConfig").flatMap(t -> t.string("Mode")).ifPresent(mode -> {
            violations.oneOf(mode, "tracingConfig.mode", List.of("Active", "PassThrough"));
            config.tracingMode(mode);
        });
        body.object("DeadLetterConfig").flatMap(d -> d.string("TargetArn")).ifPresent(arn -> {
            violations.pattern(arn, "deadLetterConfig.targetArn", ARN_OR_EMPTY_PATTERN);
            config.deadLetterTargetArn(arn);
        });
        body.string("KMSKeyArn").ifPresent(arn -> {
            violations.pattern(arn, "kMSKeyArn", ARN_OR_EMPTY_PATTERN);
            config.kmsKeyArn(arn);
        });
        Optional<List<String>> layers = body.strings("Layers");
        layers.ifPresent(list -> {
            List<String> bad = list.stream().filter(l -> !l.matches(LAYER_PATTERN) || l.length() > 2048).toList();
            if (!bad.isEmpty()) {
                violations.add(bad, "layers", "Member must satisfy constraint: [Member must have length less than"
                        + " or equal to 2048, Member must have length greater than or equal to 1, Member must satisfy"
                        + " regular expression pattern: " + LAYER_PATTERN + ", Member must not be null]");
            }
        });
        body.object("LoggingConfig").ifPresent(l -> config.logging(logging(l, current.logging(), violations)));
        body.object("VpcConfig").ifPresent(v -> config.vpc(vpc(v, violations)));
        body.object("SnapStart").flatMap(s -> s.string("ApplyOn")).ifPresent(applyOn -> {
            violations.oneOf(applyOn, "snapStart.applyOn", List.of("PublishedVersions", "None"));
            config.snapStartApplyOn(applyOn);
        });
        return layers;
    }

    /** Checks the architectures list of CreateFunction/UpdateFunctionCode: exactly one known value. */
    static Optional<String> architecture(JsonBody body, ConstraintViolations violations) {
        return body.strings("Architectures").flatMap(list -> {
            String shown = "[" + String.join(", ", list) + "]";
            if (list.size() > 1) {
                violations.add(shown, "architectures", "Member must have length less than or equal to 1");
            } else if (list.isEmpty()) {
                violations.add(shown, "architectures", "Member must have length greater than or equal to 1");
            } else if (!ARCHITECTURES.contains(list.get(0))) {
                violations.add(shown, "architectures", "Member must satisfy constraint: [Member must satisfy enum"
                        + " value set: [x86_64, arm64], Member must not be null]");
            } else {
                return Optional.of(list.get(0));
            }
            return Optional.empty();
        });
    }

    private static LoggingConfig logging(JsonBody l, LoggingConfig current, ConstraintViolations violations) {
        String format = l.string("LogFormat").orElse(current.logFormat());
        violations.oneOf(format, "loggingConfig.logFormat", List.of("JSON", "Text"));
        Optional<String> app = l.string("ApplicationLogLevel").or(current::applicationLogLevel);
        Optional<String> system = l.string("SystemLogLevel").or(current::systemLogLevel);
        app.ifPresent(a -> violations.oneOf(a, "loggingConfig.applicationLogLevel",
                List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")));
        system.ifPresent(s -> violations.oneOf(s, "loggingConfig.systemLogLevel", List.of("DEBUG", "INFO", "WARN")));
        String group = l.string("LogGroup").orElse(current.logGroup());
        violations.length(group, "loggingConfig.logGroup", 1, 512).pattern(group, "loggingConfig.logGroup",
                LOG_GROUP_PATTERN);
        // As in Lambda: levels only exist for JSON logs, and default to INFO when JSON is switched on.
        if (format.equals("JSON")) {
            return new LoggingConfig(format, app.or(() -> Optional.of("INFO")), system.or(() -> Optional.of("INFO")),
                    group);
        }
        return new LoggingConfig(format, Optional.empty(), Optional.empty(), group);
    }

    private static VpcConfig vpc(JsonBody v, ConstraintViolations violations) {
        List<String> subnets = v.strings("SubnetIds").orElse(List.of());
        List<String> groups = v.strings("SecurityGroupIds").orElse(List.of());
        if (subnets.size() > 16) {
            violations.add(subnets, "vpcConfig.subnetIds", "Member must have length less than or equal to 16");
        }
        if (subnets.stream().anyMatch(s -> !s.matches("subnet-[0-9a-z]*"))) {
            violations.add("[" + String.join(", ", subnets) + "]", "vpcConfig.subnetIds", "Member must satisfy"
                    + " constraint: [Member must have length less than or equal to 1024, Member must have length"
                    + " greater than or equal to 0, Member must satisfy regular expression pattern: subnet-[0-9a-z]*]");
        }
        if (groups.size() > 5) {
            violations.add(groups, "vpcConfig.securityGroupIds", "Member must have length less than or equal to 5");
        }
        if (groups.stream().anyMatch(s -> !s.matches("sg-[0-9a-zA-Z]*"))) {
            violations.add("[" + String.join(", ", groups) + "]", "vpcConfig.securityGroupIds", "Member must satisfy"
                    + " constraint: [Member must have length less than or equal to 1024, Member must have length"
                    + " greater than or equal to 0, Member must satisfy regular expression pattern: sg-[0-9a-zA-Z]*]");
        }
        return new VpcConfig(subnets, groups, v.bool("Ipv6AllowedForDualStack").orElse(false));
    }

    /**
     * The semantic checks that follow the modeled ones, in the real service's wording.
     *
     * @param config      the configuration as it would be stored
     * @param runtimeSent whether the request carried {@code Runtime} (existing functions keep a deprecated one)
     */
    static void checkSemantics(FunctionConfig config, boolean runtimeSent) {
        if (config.runtime().isEmpty() || config.handler().isEmpty()) {
            throw new InvalidParameterValueException(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        if (runtimeSent) {
            checkRuntime(config.runtime());
        }
        config.environment().ifPresent(FunctionInputs::checkEnvironment);
    }

    private static void checkRuntime(String runtime) {
        if (Runtimes.deprecated(runtime)) {
            throw new InvalidParameterValueException("The runtime parameter of " + runtime + " is no longer supported"
                    + " for creating or updating AWS Lambda functions. We recommend you use a supported runtime while"
                    + " creating or updating functions.");
        }
        if (!Runtimes.accepted(runtime)) {
            throw new InvalidParameterValueException("Value " + runtime + " at 'runtime' failed to satisfy constraint:"
                    + " Member must satisfy enum value set: [" + String.join(", ", Runtimes.ACCEPTED)
                    + "] or be a valid ARN");
        }
    }

    private static void checkEnvironment(Map<String, String> variables) {
        String measured = new String(WireJson.bytes(variables), StandardCharsets.UTF_8);
        if (measured.getBytes(StandardCharsets.UTF_8).length > MAX_ENVIRONMENT_BYTES) {
            throw new InvalidParameterValueException("Lambda was unable to configure your environment variables because"
                    + " the environment variables you have provided exceeded the 4KB limit. String measured: "
                    + measured);
        }
        TreeSet<String> reserved = new TreeSet<>(variables.keySet());
        reserved.retainAll(RESERVED_ENV_KEYS);
        if (!reserved.isEmpty()) {
            throw new InvalidParameterValueException("Lambda was unable to configure your environment variables because"
                    + " the environment variables you have provided contains reserved keys that are currently not"
                    + " supported for modification. Reserved keys used in this request: "
                    + String.join(", ", reserved));
        }
    }

    /**
     * The configuration with the requested layers attached, in order: at most five, one version per layer, each an
     * existing layer version of this region. A version the function already uses stays attached even if it was
     * deleted since, as Lambda keeps it working.
     *
     * @param requested the ARNs from {@link #apply}; empty keeps the current layers
     * @param catalog   finds layer versions and their packages
     */
    static FunctionConfig withLayers(FunctionConfig config, Optional<List<String>> requested,
                                     Function<String, FunctionLayer> catalog) {
        if (requested.isEmpty()) {
            return config;
        }
        checkLayers(requested.get());
        List<FunctionLayer> attached = new ArrayList<>();
        for (String arn : requested.get()) {
            attached.add(config.layers().stream().filter(l -> l.arn().equals(arn)).findFirst()
                    .orElseGet(() -> catalog.apply(arn)));
        }
        return config.toBuilder().layers(attached).build();
    }

    private static void checkLayers(List<String> layers) {
        if (layers.size() > MAX_LAYERS) {
            throw new InvalidParameterValueException("Cannot reference more than 5 layers.");
        }
        List<String> seen = new ArrayList<>();
        for (String layer : layers) {
            String unversioned = layer.substring(0, layer.lastIndexOf(':'));
            for (String earlier : seen) {
                if (earlier.substring(0, earlier.lastIndexOf(':')).equals(unversioned)) {
                    throw new InvalidParameterValueException("Two different versions of the same layer are not allowed"
                            + " to be referenced in the same function. " + earlier + " and " + layer
                            + " are versions of the same layer.");
                }
            }
            seen.add(layer);
        }
    }
}
