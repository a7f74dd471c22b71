package io.stratus.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import io.stratus.model.error.ServiceError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An EventBridge request body (or one object inside it) with typed member access. A body that is not a JSON object
 * or a member of the wrong JSON type is a {@code SerializationException}, as AWS JSON 1.1 services answer. Unknown
 * members are ignored. Immutable.
 */
final class EventsRequest {

    private final ObjectNode node;

    private EventsRequest(ObjectNode node) {
        this.node = node;
    }

    static EventsRequest parse(byte[] body) {
        if (body.length == 0) {
            return new EventsRequest(WireJson.object());
        }
        try {
            if (WireJson.MAPPER.readTree(body) instanceof ObjectNode object) {
                return new EventsRequest(object);
            }
        } catch (IOException e) {
            // Falls through to the same error as a non-object body.
        }
        throw serialization();
    }

    Optional<String> string(String member) {
        return value(member).map(v -> {
            if (!v.isTextual()) {
                throw serialization();
            }
            return v.textValue();
        });
    }

    Optional<Long> integer(String member) {
        return value(member).map(v -> {
            if (!v.isIntegralNumber()) {
                throw serialization();
            }
            return v.longValue();
        });
    }

    boolean flag(String member) {
        return value(member).map(v -> {
            if (!v.isBoolean()) {
                throw serialization();
            }
            return v.booleanValue();
        }).orElse(false);
    }

    Optional<List<String>> strings(String member) {
        return list(member).map(items -> items.stream().map(v -> {
            if (!v.isTextual()) {
                throw serialization();
            }
            return v.textValue();
        }).toList());
    }

    Optional<List<EventsRequest>> objects(String member) {
        return list(member).map(items -> items.stream().map(v -> {
            if (!(v instanceof ObjectNode o)) {
                throw serialization();
            }
            return new EventsRequest(o);
        }).toList());
    }

    private Optional<List<JsonNode>> list(String member) {
        return value(member).map(v -> {
            if (!v.isArray()) {
                throw serialization();
            }
            List<JsonNode> items = new ArrayList<>();
            v.forEach(items::add);
            return items;
        });
    }

    private Optional<JsonNode> value(String member) {
        JsonNode v = node.get(member);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    private static ServiceError serialization() {
        return new ServiceError(400, "SerializationException", null);
    }
}
