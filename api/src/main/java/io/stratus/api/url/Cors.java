package io.stratus.api.url;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.JsonBody;
import io.stratus.api.WireJson;
import io.stratus.model.error.ConstraintViolations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A function URL's CORS settings as Lambda models them; absent members stay absent in responses. Immutable.
 *
 * @param allowCredentials whether credentials may be sent
 * @param allowHeaders     request headers origins may send (≤ 100, each ≤ 1024 characters)
 * @param allowMethods     methods origins may use (≤ 6, each ≤ 6 characters; {@code *} for any)
 * @param allowOrigins     origins allowed (≤ 100, each 1–253 characters; {@code *} for any)
 * @param exposeHeaders    response headers browsers may read (≤ 100, each ≤ 1024 characters)
 * @param maxAgeSeconds    how long browsers may cache a preflight (0–86400)
 */
public record Cors(Optional<Boolean> allowCredentials, Optional<List<String>> allowHeaders,
                   Optional<List<String>> allowMethods, Optional<List<String>> allowOrigins,
                   Optional<List<String>> exposeHeaders, Optional<Long> maxAgeSeconds) {

    /**
     * Reads the {@code Cors} member of a request body, adding constraint violations to {@code violations}.
     */
    public static Cors read(JsonBody cors, ConstraintViolations violations) {
        Cors read = new Cors(cors.bool("AllowCredentials"), cors.strings("AllowHeaders"),
                cors.strings("AllowMethods"), cors.strings("AllowOrigins"), cors.strings("ExposeHeaders"),
                cors.integer("MaxAge"));
        read.allowHeaders.ifPresent(h -> list(violations, h, "cors.allowHeaders", 100, 0, 1024));
        read.allowMethods.ifPresent(m -> list(violations, m, "cors.allowMethods", 6, 0, 6));
        read.allowOrigins.ifPresent(o -> list(violations, o, "cors.allowOrigins", 100, 1, 253));
        read.exposeHeaders.ifPresent(h -> list(violations, h, "cors.exposeHeaders", 100, 0, 1024));
        read.maxAgeSeconds.ifPresent(a -> violations.range(a, "cors.maxAge", 0, 86400));
        return read;
    }

    private static void list(ConstraintViolations violations, List<String> values, String member, int maxItems,
                             int minLength, int maxLength) {
        if (values.size() > maxItems) {
            violations.add(values, member, "Member must have length less than or equal to " + maxItems);
        }
        if (values.stream().anyMatch(v -> v.length() < minLength || v.length() > maxLength)) {
            violations.add(values, member, "Member must satisfy constraint: [Member must have length less than or"
                    + " equal to " + maxLength + ", Member must have length greater than or equal to " + minLength
                    + ", Member must satisfy regular expression pattern: .*]");
        }
    }

    /** The wire JSON object, members in Lambda's order. */
    public ObjectNode toJson() {
        ObjectNode node = WireJson.object();
        allowCredentials.ifPresent(v -> node.put("AllowCredentials", v));
        allowHeaders.ifPresent(v -> v.forEach(node.putArray("AllowHeaders")::add));
        allowMethods.ifPresent(v -> v.forEach(node.putArray("AllowMethods")::add));
        allowOrigins.ifPresent(v -> v.forEach(node.putArray("AllowOrigins")::add));
        exposeHeaders.ifPresent(v -> v.forEach(node.putArray("ExposeHeaders")::add));
        maxAgeSeconds.ifPresent(v -> node.put("MaxAge", v));
        return node;
    }

    /** Settings as stored by {@link #toJson()}. */
    public static Cors fromJson(String stored) {
        JsonNode node;
        try {
            node = WireJson.MAPPER.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored CORS settings are not JSON: " + stored, e);
        }
        return new Cors(node.has("AllowCredentials") ? Optional.of(node.get("AllowCredentials").asBoolean())
                : Optional.empty(), strings(node, "AllowHeaders"), strings(node, "AllowMethods"),
                strings(node, "AllowOrigins"), strings(node, "ExposeHeaders"),
                node.has("MaxAge") ? Optional.of(node.get("MaxAge").asLong()) : Optional.empty());
    }

    private static Optional<List<String>> strings(JsonNode node, String member) {
        if (!node.has(member)) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        node.get(member).forEach(v -> values.add(v.asText()));
        return Optional.of(List.copyOf(values));
    }
}
