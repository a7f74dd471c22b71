package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.JsonBody;
import io.stratus.api.WireJson;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.PreconditionFailedException;
import io.stratus.model.error.ResourceConflictException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.FunctionLayer;
import io.stratus.model.function.Partition;
import io.stratus.model.layer.LayerPolicy;
import io.stratus.model.layer.LayerVersion;
import io.stratus.store.layer.LayerStore;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layer operations of the Lambda API, independent of HTTP: publish, read, list and delete layer versions,
 * their permission policies, and the lookup functions use to attach layer versions. Lambda's validation and
 * wording throughout (recorded from the real service where it was observed).
 *
 * <p>Layer versions are immutable; their number comes from the store, which never hands one out twice per name.
 * A function keeps the package of every layer version it attached (see {@link FunctionLayer}), so deleting a
 * version never breaks a function; its package is released only once nothing refers to it. Thread-safe: all state
 * is in the store, and policy changes are compare-and-set on the policy's revision id.
 */
final class LayerRegistry {

    static final String NAME_PATTERN = "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)"
            + "|[a-zA-Z0-9-_]+";
    static final String PRINCIPAL_PATTERN = "\\d{12}|\\*|arn:(aws[a-zA-Z-]*):iam::\\d{12}:root";
    static final String ACTION = "lambda:GetLayerVersion";
    static final String NOT_FOUND = "The resource you requested does not exist.";
    /** Runtime ids the layer operations know, in the order the real service lists them (ListLayers message). */
    static final List<String> RUNTIME_ENUM = List.of("ruby3.5", "ruby2.6", "dotnetcore1.0", "python3.7",
            "nodejs8.10", "nasa", "ruby2.7", "python2.7-greengrass", "dotnetcore2.0", "python3.8", "java21", "dotnet6",
            "dotnetcore2.1", "python3.9", "java11", "nodejs6.10", "provided", "dotnetcore3.1", "dotnet8", "java25",
            "java17", "nodejs", "nodejs4.3", "java8.al2", "go1.x", "dotnet10", "nodejs20.x", "go1.9", "byol",
            "nodejs10.x", "provided.al2023", "nodejs22.x", "python3.10", "java8", "nodejs12.x", "python3.11",
            "nodejs24.x", "nodejs8.x", "python3.12", "nodejs14.x", "nodejs8.9", "nodejs26.x", "python3.13",
            "python3.14", "nodejs16.x", "python3.15", "provided.al2", "nodejs4.3-edge", "nodejs18.x", "ruby3.2",
            "python3.4", "ruby3.3", "ruby3.4", "ruby2.5", "python3.6", "python2.7");
    private static final Pattern VERSION_ARN = Pattern.compile(
            "arn:([a-zA-Z-]+):lambda:([a-z0-9-]+):(\\d{12}):layer:([a-zA-Z0-9-_]+):([0-9]+)");
    private static final Pattern LAYER_ARN = Pattern.compile(
            "arn:([a-zA-Z0-9-]+):lambda:([a-zA-Z0-9-]+):(\\d{12}):layer:([a-zA-Z0-9-_]+)");

    private final Partition partition;
    private final LayerStore store;
    private final CodeIntake code;
    private final InstantSource clock;

    LayerRegistry(Partition partition, LayerStore store, CodeIntake code, InstantSource clock) {
        this.partition = partition;
        this.store = store;
        this.code = code;
        this.clock = clock;
    }

    /** {@code arn:aws:lambda:REGION:ACCOUNT:layer:NAME}. */
    String layerArn(String name) {
        return "arn:aws:lambda:" + partition.region() + ":" + partition.accountId() + ":layer:" + name;
    }

    /** {@code arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION}. */
    String versionArn(String name, long version) {
        return layerArn(name) + ":" + version;
    }

    /**
     * A layer named by name or layer ARN, as the {@code LayerName} path member allows.
     *
     * @return empty for an ARN of another account or region: no such layer here
     */
    Optional<String> layerName(String nameOrArn) {
        ConstraintViolations violations = new ConstraintViolations();
        violations.length(nameOrArn, "layerName", 1, 140).pattern(nameOrArn, "layerName", NAME_PATTERN);
        violations.throwIfAny();
        Matcher arn = LAYER_ARN.matcher(nameOrArn);
        if (!arn.matches()) {
            return Optional.of(nameOrArn);
        }
        boolean ours = arn.group(1).equals("aws") && arn.group(2).equals(partition.region())
                && arn.group(3).equals(partition.accountId());
        return ours ? Optional.of(arn.group(4)) : Optional.empty();
    }

    /** The {@code VersionNumber} path member. */
    static long versionNumber(String raw) {
        long version;
        try {
            version = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidParameterValueException("Invalid layer version number: " + raw);
        }
        if (version < 1) {
            throw new InvalidParameterValueException("Layer Version Cannot be less than 1");
        }
        return version;
    }

    /** PublishLayerVersion. */
    LayerVersion publish(String nameOrArn, JsonBody body) {
        String name = layerName(nameOrArn).orElseThrow(() -> new InvalidParameterValueException(
                "Layers can only be published in this account and region: " + nameOrArn));
        ConstraintViolations violations = new ConstraintViolations();
        Optional<JsonBody> content = body.object("Content");
        violations.required(content.orElse(null), "content");
        String description = body.string("Description").orElse("");
        violations.length(description, "description", 0, 256);
        Optional<String> license = body.string("LicenseInfo");
        license.ifPresent(l -> violations.length(l, "licenseInfo", 0, 512));
        Optional<List<String>> runtimes = body.strings("CompatibleRuntimes");
        runtimes.ifPresent(r -> compatibleRuntimes(r, violations));
        Optional<List<String>> architectures = body.strings("CompatibleArchitectures");
        architectures.ifPresent(a -> compatibleArchitectures(a, violations));
        violations.throwIfAny();
        byte[] zip = code.zipBytes(content.orElseThrow());
        return code.store(zip, codeRef -> store.publish(name, number -> new LayerVersion(name, number, description,
                license, runtimes, architectures, codeRef, clock.instant())));
    }

    private static void compatibleRuntimes(List<String> runtimes, ConstraintViolations violations) {
        if (runtimes.size() > 15) {
            violations.add(runtimes, "compatibleRuntimes", "Member must have length less than or equal to 15");
        } else if (!RUNTIME_ENUM.containsAll(runtimes)) {
            violations.add(runtimes, "compatibleRuntimes", "Member must satisfy enum value set: ["
                    + String.join(", ", io.stratus.model.function.Runtimes.ACCEPTED) + "]");
        }
    }

    private static void compatibleArchitectures(List<String> architectures, ConstraintViolations violations) {
        if (architectures.size() > 2) {
            violations.add(architectures, "compatibleArchitectures", "Member must have length less than or equal to 2");
        } else if (!FunctionInputs.ARCHITECTURES.containsAll(architectures)) {
            violations.add(architectures, "compatibleArchitectures", "Member must satisfy constraint: [Member must"
                    + " satisfy enum value set: [x86_64, arm64], Member must not be null]");
        }
    }

    /** Checks the {@code CompatibleRuntime}/{@code CompatibleArchitecture} filters of the list operations. */
    static void checkFilters(Optional<String> runtime, Optional<String> architecture,
                             ConstraintViolations violations) {
        runtime.ifPresent(r -> violations.oneOf(r, "compatibleRuntime", RUNTIME_ENUM));
        architecture.ifPresent(a -> violations.oneOf(a, "compatibleArchitecture", FunctionInputs.ARCHITECTURES));
    }

    /** GetLayerVersion. */
    LayerVersion get(String nameOrArn, String versionNumber) {
        Optional<String> name = layerName(nameOrArn);
        long version = versionNumber(versionNumber);
        return name.flatMap(n -> store.find(n, version)).orElseThrow(() -> new ResourceNotFoundException(NOT_FOUND));
    }

    /** GetLayerVersionByArn. */
    LayerVersion getByArn(String arn) {
        ConstraintViolations violations = new ConstraintViolations();
        violations.length(arn, "arn", 1, 140).pattern(arn, "arn", FunctionInputs.LAYER_PATTERN);
        violations.throwIfAny();
        return ours(arn).flatMap(m -> store.find(m.group(4), Long.parseLong(m.group(5))))
                .orElseThrow(() -> new ResourceNotFoundException(NOT_FOUND));
    }

    /** A layer version ARN of this account and region, parsed; empty for any other. */
    private Optional<Matcher> ours(String arn) {
        Matcher m = VERSION_ARN.matcher(arn);
        if (!m.matches() || !m.group(1).equals("aws") || !m.group(2).equals(partition.region())
                || !m.group(3).equals(partition.accountId())) {
            return Optional.empty();
        }
        return Optional.of(m);
    }

    /** ListLayerVersions: newest first; a layer that does not exist has none. */
    List<LayerVersion> versions(String nameOrArn, Optional<String> runtime, Optional<String> architecture) {
        return layerName(nameOrArn).map(store::versions).orElse(List.of()).stream()
                .filter(v -> v.matches(runtime, architecture)).toList();
    }

    /** ListLayers: the newest version of each layer that passes the filters, by layer name. */
    List<LayerVersion> latestMatching(Optional<String> runtime, Optional<String> architecture) {
        Map<String, LayerVersion> latest = new LinkedHashMap<>();
        for (LayerVersion v : store.all()) {
            if (v.matches(runtime, architecture)) {
                latest.putIfAbsent(v.layerName(), v);
            }
        }
        return List.copyOf(latest.values());
    }

    /** DeleteLayerVersion: idempotent, as in Lambda. */
    void delete(String nameOrArn, String versionNumber) {
        long version = versionNumber(versionNumber);
        layerName(nameOrArn).flatMap(n -> store.delete(n, version))
                .ifPresent(deleted -> code.release(Set.of(deleted.code().sha256Hex())));
    }

    /**
     * The layer version a function attaches, with its package.
     *
     * @throws InvalidParameterValueException with Lambda's wording when it is in another region or does not exist
     */
    FunctionLayer resolve(String arn) {
        Matcher m = VERSION_ARN.matcher(arn);
        if (m.matches() && !m.group(2).equals(partition.region())) {
            throw new InvalidParameterValueException("Layers are not in the same region as the function. Layers are"
                    + " expected to be in region " + partition.region() + ".");
        }
        return ours(arn).flatMap(o -> store.find(o.group(4), Long.parseLong(o.group(5))))
                .map(v -> new FunctionLayer(arn, v.code()))
                .orElseThrow(() -> new InvalidParameterValueException("Layer version " + arn + " does not exist."));
    }

    /** The policy operations' target: an existing version, or 404 naming its ARN. */
    private LayerVersion policyTarget(String nameOrArn, String versionNumber) {
        Optional<String> name = layerName(nameOrArn);
        long version = versionNumber(versionNumber);
        return name.flatMap(n -> store.find(n, version)).orElseThrow(() -> new ResourceNotFoundException(
                "Layer version " + versionArn(name.orElse(nameOrArn), version) + " does not exist."));
    }

    /**
     * AddLayerVersionPermission.
     *
     * @return the new statement as JSON text, and the policy's new revision id
     */
    Map.Entry<String, String> addPermission(String nameOrArn, String versionNumber, JsonBody body,
                                            Optional<String> revisionId) {
        ConstraintViolations violations = new ConstraintViolations();
        String sid = body.string("StatementId").orElse(null);
        violations.required(sid, "statementId").length(sid, "statementId", 1, 100)
                .pattern(sid, "statementId", "([a-zA-Z0-9-_]+)");
        String action = body.string("Action").orElse(null);
        violations.required(action, "action").pattern(action, "action", ACTION);
        String principal = body.string("Principal").orElse(null);
        violations.required(principal, "principal").pattern(principal, "principal", PRINCIPAL_PATTERN);
        Optional<String> organization = body.string("OrganizationId");
        organization.ifPresent(o -> violations.length(o, "organizationId", 0, 34)
                .pattern(o, "organizationId", "o-[a-z0-9]{10,32}"));
        violations.throwIfAny();
        LayerVersion target = policyTarget(nameOrArn, versionNumber);
        String statement = statement(sid, principal, versionArn(target.layerName(), target.version()), organization);
        Optional<LayerPolicy> current = store.policy(target.layerName(), target.version());
        checkRevision(revisionId, current);
        List<String> statements = new ArrayList<>(current.map(LayerPolicy::statements).orElse(List.of()));
        if (statements.stream().anyMatch(s -> sidOf(s).equals(sid))) {
            throw new ResourceConflictException("The statement id (" + sid + ") provided already exists. Please"
                    + " provide a new statement id, or remove the existing statement.");
        }
        statements.add(statement);
        LayerPolicy next = new LayerPolicy(statements, UUID.randomUUID().toString());
        if (!store.replacePolicy(target.layerName(), target.version(), current.map(LayerPolicy::revisionId), next)) {
            throw revisionMismatch();
        }
        return Map.entry(statement, next.revisionId());
    }

    /** GetLayerVersionPolicy: the policy document as JSON text, and its revision id. */
    Map.Entry<String, String> policy(String nameOrArn, String versionNumber) {
        LayerVersion target = policyTarget(nameOrArn, versionNumber);
        LayerPolicy policy = store.policy(target.layerName(), target.version())
                .orElseThrow(() -> new ResourceNotFoundException("No policy is associated with the given resource."));
        StringBuilder document = new StringBuilder("{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[");
        document.append(String.join(",", policy.statements())).append("]}");
        return Map.entry(document.toString(), policy.revisionId());
    }

    /** RemoveLayerVersionPermission. */
    void removePermission(String nameOrArn, String versionNumber, String sid, Optional<String> revisionId) {
        LayerVersion target = policyTarget(nameOrArn, versionNumber);
        Optional<LayerPolicy> current = store.policy(target.layerName(), target.version());
        checkRevision(revisionId, current);
        List<String> statements = new ArrayList<>(current.map(LayerPolicy::statements).orElse(List.of()));
        if (!statements.removeIf(s -> sidOf(s).equals(sid))) {
            throw new ResourceNotFoundException("Statement " + sid + " is not found in resource policy.");
        }
        LayerPolicy next = new LayerPolicy(statements, UUID.randomUUID().toString());
        if (!store.replacePolicy(target.layerName(), target.version(), current.map(LayerPolicy::revisionId), next)) {
            throw revisionMismatch();
        }
    }

    private static void checkRevision(Optional<String> expected, Optional<LayerPolicy> current) {
        if (expected.isPresent() && !expected.equals(current.map(LayerPolicy::revisionId))) {
            throw revisionMismatch();
        }
    }

    private static PreconditionFailedException revisionMismatch() {
        return new PreconditionFailedException("The Revision Id provided does not match the latest Revision Id."
                + " Call the GetLayerPolicy API to retrieve the latest Revision Id");
    }

    /** One statement as Lambda writes it: Sid, Effect, Principal, Action, Resource, then any Condition. */
    private static String statement(String sid, String principal, String resource, Optional<String> organization) {
        ObjectNode s = WireJson.object();
        s.put("Sid", sid);
        s.put("Effect", "Allow");
        if (principal.equals("*")) {
            s.put("Principal", "*");
        } else {
            s.putObject("Principal").put("AWS", principal.startsWith("arn:") ? principal
                    : "arn:aws:iam::" + principal + ":root");
        }
        s.put("Action", ACTION);
        s.put("Resource", resource);
        organization.ifPresent(o -> s.putObject("Condition").putObject("StringEquals").put("aws:PrincipalOrgID", o));
        return new String(WireJson.bytes(s), StandardCharsets.UTF_8);
    }

    private static String sidOf(String statement) {
        try {
            return WireJson.MAPPER.readTree(statement).path("Sid").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored layer policy statement is not JSON", e);
        }
    }
}
