package io.stratus.api.lambda;

import io.stratus.api.JsonBody;
import io.stratus.model.error.AccessDeniedException;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.Partition;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TagResource, UntagResource and ListTags. Tags belong to the unqualified function; tagging a version or alias ARN
 * is refused, as in Lambda. Every tag change also gives {@code $LATEST} a new revision id, as the real service does.
 */
final class Tagging {

    /** The resource pattern the service reports (function, layer, code-signing config, ESM, capacity provider). */
    static final String RESOURCE_PATTERN = "arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:([a-zA-Z0-9-_]+)"
            + "|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)";
    static final String TAG_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";
    static final int MAX_TAGS = 50;

    private static final Pattern RESOURCE = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:([^:]+):(\\d{12}):(function|layer|code-signing-config|event-source-mapping"
                    + "|capacity-provider):([^:]+)(:(.+))?");

    private final FunctionRegistry functions;

    Tagging(FunctionRegistry functions) {
        this.functions = functions;
    }

    /** TagResource: merges tags, overwriting existing keys. */
    void tag(String resource, JsonBody body) {
        ConstraintViolations violations = new ConstraintViolations();
        violations.length(resource, "resource", 1, 256).pattern(resource, "resource", RESOURCE_PATTERN);
        Map<String, String> tags = body.stringMap("Tags").orElse(null);
        violations.required(tags, "tags");
        if (tags != null) {
            checkTags(tags, violations);
        }
        violations.throwIfAny();
        String name = functionName(resource);
        if (tags.isEmpty()) {
            throw new InvalidParameterValueException("An error occurred and the request cannot be processed.");
        }
        functions.changeTags(name, current -> {
            current.putAll(tags);
            checkTagCount(current.size());
            return current;
        }).orElseThrow(() -> notFound(name));
    }

    /** UntagResource: removes the keys; absent keys are ignored. */
    void untag(String resource, List<String> keys) {
        ConstraintViolations violations = new ConstraintViolations();
        violations.length(resource, "resource", 1, 256).pattern(resource, "resource", RESOURCE_PATTERN);
        violations.required(keys.isEmpty() ? null : keys, "tagKeys");
        violations.throwIfAny();
        String name = functionName(resource);
        functions.changeTags(name, current -> {
            keys.forEach(current::remove);
            return current;
        }).orElseThrow(() -> notFound(name));
    }

    /** ListTags. */
    Map<String, String> list(String resource) {
        ConstraintViolations violations = new ConstraintViolations();
        violations.length(resource, "resource", 1, 256).pattern(resource, "resource", RESOURCE_PATTERN);
        violations.throwIfAny();
        String name = functionName(resource);
        return functions.tags(name).orElseThrow(() -> notFound(name));
    }

    /** Checks modeled tag constraints: key 1-128, value 0-256, allowed characters. */
    static void checkTags(Map<String, String> tags, ConstraintViolations violations) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            if (key.isEmpty() || key.length() > 128 || !key.matches(TAG_PATTERN)) {
                violations.add(key, "tags", "Map keys must satisfy constraint: [Member must have length less than or"
                        + " equal to 128, Member must have length greater than or equal to 1, Member must satisfy"
                        + " regular expression pattern: " + TAG_PATTERN + "]");
            }
            if (tag.getValue().length() > 256 || !tag.getValue().matches(TAG_PATTERN)) {
                violations.add(tag.getValue(), "tags", "Map value must satisfy constraint: [Member must have length"
                        + " less than or equal to 256, Member must satisfy regular expression pattern: "
                        + TAG_PATTERN + "]");
            }
        }
    }

    /** Refuses more tags than a resource may carry. */
    static void checkTagCount(int count) {
        if (count > MAX_TAGS) {
            throw new InvalidParameterValueException("Number of tags exceeds resource tag limit.");
        }
    }

    private String functionName(String resource) {
        Matcher m = RESOURCE.matcher(resource);
        if (!m.matches()) {
            throw new IllegalStateException("resource passed the pattern check but not the parser: " + resource);
        }
        Partition partition = functions.partition();
        if (!m.group(1).equals(partition.region())) {
            throw new ResourceNotFoundException("Functions from '" + m.group(1) + "' are not reachable in this region ('"
                    + partition.region() + "')");
        }
        if (!m.group(2).equals(partition.accountId())) {
            throw new AccessDeniedException("The resource belongs to account " + m.group(2)
                    + ", which is not this platform's account " + partition.accountId() + ".");
        }
        String kind = m.group(3);
        String arnWithoutQualifier = resource.substring(0, m.end(4));
        switch (kind) {
            case "function" -> {
                if (m.group(6) != null) {
                    throw new InvalidParameterValueException("Tags on function aliases and versions are not supported."
                            + " Please specify a function ARN.");
                }
                return m.group(4);
            }
            case "event-source-mapping" -> throw new ResourceNotFoundException(
                    "Event source mapping not found: " + arnWithoutQualifier);
            case "capacity-provider" -> throw new ResourceNotFoundException(
                    "Capacity provider not found: " + arnWithoutQualifier);
            case "code-signing-config" -> throw new ResourceNotFoundException(
                    "Code signing config not found: " + arnWithoutQualifier);
            default -> throw new ResourceNotFoundException("Layer not found: " + arnWithoutQualifier);
        }
    }

    private ResourceNotFoundException notFound(String name) {
        return new ResourceNotFoundException("Function not found: " + functions.partition().functionArn(name));
    }
}
