package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.Route;
import io.stratus.api.Router;
import io.stratus.api.WireJson;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.layer.LayerVersion;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The layer operations over HTTP (version 2018-10-31): PublishLayerVersion, GetLayerVersion(ByArn), ListLayers,
 * ListLayerVersions, DeleteLayerVersion and the layer permission operations, rendered in Lambda's wire shapes.
 * {@code Content.Location} is a signed download URL of the same kind as {@code GetFunction}'s.
 */
final class LayersApi {

    private static final String LAYERS = "/2018-10-31/layers";
    private static final String VERSIONS = LAYERS + "/{LayerName}/versions";
    private static final String VERSION = VERSIONS + "/{VersionNumber}";
    private static final String POLICY = VERSION + "/policy";
    private static final int PAGE_MAX = 50;

    private final LayerRegistry registry;
    private final CodeLocations locations;
    private final long maxPublishBytes;

    LayersApi(LayerRegistry registry, CodeLocations locations, long maxPublishBytes) {
        this.registry = registry;
        this.locations = locations;
        this.maxPublishBytes = maxPublishBytes;
    }

    void register(Router router) {
        long small = Route.DEFAULT_MAX_BODY;
        router.add(new Route("GET", LAYERS, "ListLayers", small, this::listLayersOrFind))
                .add(new Route("POST", VERSIONS, "PublishLayerVersion", maxPublishBytes, this::publish))
                .add(new Route("GET", VERSIONS, "ListLayerVersions", small, this::listVersions))
                .add(new Route("GET", VERSION, "GetLayerVersion", small, this::get))
                .add(new Route("DELETE", VERSION, "DeleteLayerVersion", small, this::delete))
                .add(new Route("POST", POLICY, "AddLayerVersionPermission", small, this::addPermission))
                .add(new Route("GET", POLICY, "GetLayerVersionPolicy", small, this::getPolicy))
                .add(new Route("DELETE", POLICY + "/{StatementId}", "RemoveLayerVersionPermission", small,
                        this::removePermission));
    }

    private ApiResponse publish(ApiRequest request) {
        LayerVersion published = registry.publish(request.path("LayerName"), request.json());
        return ApiResponse.json(201, render(published, request.baseUrl()));
    }

    private ApiResponse get(ApiRequest request) {
        LayerVersion found = registry.get(request.path("LayerName"), request.path("VersionNumber"));
        return ApiResponse.json(200, render(found, request.baseUrl()));
    }

    /** {@code GET /layers} is ListLayers, or GetLayerVersionByArn with {@code find=LayerVersion}. */
    private ApiResponse listLayersOrFind(ApiRequest request) {
        if (request.query("find").isPresent()) {
            ConstraintViolations violations = new ConstraintViolations();
            request.query("find").ifPresent(f -> violations.oneOf(f, "find", List.of("LayerVersion")));
            String arn = request.query("Arn").orElse(null);
            violations.required(arn, "arn");
            violations.throwIfAny();
            return ApiResponse.json(200, render(registry.getByArn(arn), request.baseUrl()));
        }
        Filters filters = filters(request);
        List<LayerVersion> latest = registry.latestMatching(filters.runtime(), filters.architecture());
        Optional<String> after = request.query("Marker").map(LayersApi::decodeMarker);
        List<LayerVersion> remaining = after.map(a -> latest.stream().filter(v -> v.layerName().compareTo(a) > 0)
                .toList()).orElse(latest);
        ObjectNode body = WireJson.object();
        ArrayNode items = body.putArray("Layers");
        page(remaining, filters.maxItems(), body, LayerVersion::layerName).forEach(v -> {
            ObjectNode item = items.addObject();
            item.put("LayerName", v.layerName());
            item.put("LayerArn", registry.layerArn(v.layerName()));
            item.set("LatestMatchingVersion", listItem(v));
        });
        return ApiResponse.json(200, body);
    }

    private ApiResponse listVersions(ApiRequest request) {
        Filters filters = filters(request);
        List<LayerVersion> versions = registry.versions(request.path("LayerName"), filters.runtime(),
                filters.architecture());
        Optional<Long> before = request.query("Marker").map(LayersApi::decodeMarker).map(LayersApi::markerVersion);
        List<LayerVersion> remaining = before.map(b -> versions.stream().filter(v -> v.version() < b).toList())
                .orElse(versions);
        ObjectNode body = WireJson.object();
        ArrayNode items = body.putArray("LayerVersions");
        page(remaining, filters.maxItems(), body, v -> Long.toString(v.version())).forEach(v -> items.add(listItem(v)));
        return ApiResponse.json(200, body);
    }

    /** The first {@code maxItems} of {@code items}; sets {@code NextMarker} when more remain. */
    private static List<LayerVersion> page(List<LayerVersion> items, int maxItems, ObjectNode body,
                                           Function<LayerVersion, String> markerOf) {
        if (items.size() <= maxItems) {
            return items;
        }
        List<LayerVersion> shown = items.subList(0, maxItems);
        body.put("NextMarker", encodeMarker(markerOf.apply(shown.get(shown.size() - 1))));
        return shown;
    }

    /**
     * The list operations' query members.
     *
     * @param runtime      CompatibleRuntime filter
     * @param architecture CompatibleArchitecture filter
     * @param maxItems     page size, 1-50
     */
    private record Filters(Optional<String> runtime, Optional<String> architecture, int maxItems) {
    }

    private static Filters filters(ApiRequest request) {
        ConstraintViolations violations = new ConstraintViolations();
        Optional<String> runtime = request.query("CompatibleRuntime");
        Optional<String> architecture = request.query("CompatibleArchitecture");
        LayerRegistry.checkFilters(runtime, architecture, violations);
        int maxItems = LambdaApi.maxItems(request, violations, PAGE_MAX);
        violations.throwIfAny();
        return new Filters(runtime, architecture, maxItems);
    }

    private ApiResponse delete(ApiRequest request) {
        registry.delete(request.path("LayerName"), request.path("VersionNumber"));
        return ApiResponse.empty(204);
    }

    private ApiResponse addPermission(ApiRequest request) {
        Map.Entry<String, String> added = registry.addPermission(request.path("LayerName"),
                request.path("VersionNumber"), request.json(), request.query("RevisionId"));
        ObjectNode body = WireJson.object();
        body.put("Statement", added.getKey());
        body.put("RevisionId", added.getValue());
        return ApiResponse.json(201, body);
    }

    private ApiResponse getPolicy(ApiRequest request) {
        Map.Entry<String, String> policy = registry.policy(request.path("LayerName"), request.path("VersionNumber"));
        ObjectNode body = WireJson.object();
        body.put("Policy", policy.getKey());
        body.put("RevisionId", policy.getValue());
        return ApiResponse.json(200, body);
    }

    private ApiResponse removePermission(ApiRequest request) {
        registry.removePermission(request.path("LayerName"), request.path("VersionNumber"),
                request.path("StatementId"), request.query("RevisionId"));
        return ApiResponse.empty(204);
    }

    /** Lambda's {@code LayerVersion} shape (Publish and the Get operations). */
    private ObjectNode render(LayerVersion v, String baseUrl) {
        ObjectNode o = WireJson.object();
        ObjectNode content = o.putObject("Content");
        content.put("Location", locations.presign(baseUrl, v.code().sha256Hex()));
        content.put("CodeSha256", v.code().sha256Base64());
        content.put("CodeSize", v.code().sizeBytes());
        o.put("LayerArn", registry.layerArn(v.layerName()));
        o.put("LayerVersionArn", registry.versionArn(v.layerName(), v.version()));
        o.put("Description", v.description());
        o.put("CreatedDate", FunctionView.LAST_MODIFIED.format(v.created()));
        o.put("Version", v.version());
        compatibility(o, v);
        return o;
    }

    /** Lambda's {@code LayerVersionsListItem} shape. */
    private ObjectNode listItem(LayerVersion v) {
        ObjectNode o = WireJson.object();
        o.put("LayerVersionArn", registry.versionArn(v.layerName(), v.version()));
        o.put("Version", v.version());
        o.put("Description", v.description());
        o.put("CreatedDate", FunctionView.LAST_MODIFIED.format(v.created()));
        compatibility(o, v);
        return o;
    }

    /** The optional members: present (even empty) exactly when they were given at publish. */
    private static void compatibility(ObjectNode o, LayerVersion v) {
        v.compatibleRuntimes().ifPresent(runtimes -> {
            ArrayNode list = o.putArray("CompatibleRuntimes");
            runtimes.forEach(list::add);
        });
        v.licenseInfo().ifPresent(l -> o.put("LicenseInfo", l));
        v.compatibleArchitectures().ifPresent(architectures -> {
            ArrayNode list = o.putArray("CompatibleArchitectures");
            architectures.forEach(list::add);
        });
    }

    private static String encodeMarker(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeMarker(String marker) {
        try {
            String value = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (!value.matches("[a-zA-Z0-9-_]{1,140}")) {
                throw new IllegalArgumentException("not a layer name or version");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterValueException("Invalid Marker: '" + marker
                    + "'. Use the NextMarker value of a previous response.");
        }
    }

    private static long markerVersion(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterValueException("Invalid Marker: '" + value
                    + "'. Use the NextMarker value of a previous response.");
        }
    }
}
