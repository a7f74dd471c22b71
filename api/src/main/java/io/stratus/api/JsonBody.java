package io.stratus.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.model.error.InvalidRequestContentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON request body (or a nested object of one) with typed, optional member access. Unknown members are
 * ignored, as newer SDKs send fields older servers do not know. A member of the wrong JSON type is the
 * client's mistake and fails with {@link InvalidRequestContentException}, naming the member.
 */
public final class JsonBody {

    private final ObjectNode node;
    private final String path;

    private JsonBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses bytes; an empty body is {@code {}}. */
    public static JsonBody parse(byte[] bytes) {
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new JsonBody(WireJson.object(), "");
        }
        try {
            JsonNode tree = WireJson.MAPPER.readTree(bytes);
            if (tree instanceof ObjectNode object) {
                return new JsonBody(object, "");
            }
            throw new InvalidRequestContentException("Could not parse request body into json: "
                    + "the request body must be a JSON object.");
        } catch (JsonProcessingException e) {
            throw new InvalidRequestContentException("Could not parse request body into json: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestContentException("Could not parse request body into json: " + e.getMessage());
        }
    }

    /** True when the member is present and not JSON null. */
    public boolean has(String member) {
        JsonNode v = node.get(member);
        return v != null && !v.isNull();
    }

    /** A string member. */
    public Optional<String> string(String member) {
        return value(member).map(v -> {
            if (!v.isTextual()) {
                throw wrongType(member, "a string");
            }
            return v.textValue();
        });
    }

    /** An integer member (JSON number without fraction). */
    public Optional<Long> integer(String member) {
        return value(member).map(v -> {
            if (!v.isIntegralNumber()) {
                throw wrongType(member, "an integer");
            }
            return v.longValue();
        });
    }

    /** A boolean member. */
    public Optional<Boolean> bool(String member) {
        return value(member).map(v -> {
            if (!v.isBoolean()) {
                throw wrongType(member, "a boolean");
            }
            return v.booleanValue();
        });
    }

    /** A nested object member. */
    public Optional<JsonBody> object(String member) {
        return value(member).map(v -> {
            if (!(v instanceof ObjectNode o)) {
                throw wrongType(member, "an object");
            }
            return new JsonBody(o, qualified(member) + ".");
        });
    }

    /** A list-of-strings member. */
    public Optional<List<String>> strings(String member) {
        return value(member).map(v -> {
            if (!v.isArray()) {
                throw wrongType(member, "a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    throw wrongType(member, "a list of strings");
                }
                out.add(item.textValue());
            }
            return out;
        });
    }

    /** A map-of-strings member, in the order sent. */
    public Optional<Map<String, String>> stringMap(String member) {
        return value(member).map(v -> {
            if (!(v instanceof ObjectNode o)) {
                throw wrongType(member, "a map of strings");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                if (!e.getValue().isTextual()) {
                    throw wrongType(member + "." + e.getKey(), "a string");
                }
                out.put(e.getKey(), e.getValue().textValue());
            }
            return out;
        });
    }

    /** A list-of-objects member. */
    public Optional<List<JsonBody>> objects(String member) {
        return value(member).map(v -> {
            if (!v.isArray()) {
                throw wrongType(member, "a list of objects");
            }
            List<JsonBody> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!(item instanceof ObjectNode o)) {
                    throw wrongType(member, "a list of objects");
                }
                out.add(new JsonBody(o, qualified(member) + "[" + out.size() + "]."));
            }
            return out;
        });
    }

    /** A map-of-objects member, in the order sent. */
    public Optional<Map<String, JsonBody>> objectMap(String member) {
        return value(member).map(v -> {
            if (!(v instanceof ObjectNode o)) {
                throw wrongType(member, "a map of objects");
            }
            Map<String, JsonBody> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                if (!(e.getValue() instanceof ObjectNode item)) {
                    throw wrongType(member + "." + e.getKey(), "an object");
                }
                out.put(e.getKey(), new JsonBody(item, qualified(member) + "." + e.getKey() + "."));
            }
            return out;
        });
    }

    private Optional<JsonNode> value(String member) {
        JsonNode v = node.get(member);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    private String qualified(String member) {
        return path + member;
    }

    /** This object's members as numbers (a map of weights, say); a non-number member is a type error. */
    public Map<String, Double> numbers() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isNumber()) {
                throw wrongType(e.getKey(), "a number");
            }
            out.put(e.getKey(), e.getValue().doubleValue());
        }
        return out;
    }

    private InvalidRequestContentException wrongType(String member, String expected) {
        return new InvalidRequestContentException("Could not parse request body into json: member '"
                + qualified(member) + "' must be " + expected + ".");
    }
}
