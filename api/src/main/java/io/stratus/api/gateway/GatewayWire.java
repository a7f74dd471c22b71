package io.stratus.api.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiResponse;
import io.stratus.api.WireJson;
import io.stratus.model.gateway.ApiDeployment;
import io.stratus.model.gateway.ApiIntegration;
import io.stratus.model.gateway.ApiRoute;
import io.stratus.model.gateway.ApiStage;
import io.stratus.model.gateway.HttpApi;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The wire shapes (camelCase members) of HTTP APIs, routes, integrations, stages and deployments, and of lists. */
final class GatewayWire {

    /** Deployments are made synchronously here, so every one that exists is deployed. */
    private static final String DEPLOYED = "DEPLOYED";
    /** What API Gateway reports for HTTP APIs, which have no API keys. */
    private static final String API_KEY_SELECTION = "$request.header.x-api-key";

    private GatewayWire() {
    }

    static ObjectNode api(HttpApi api, String baseUrl) {
        ObjectNode o = WireJson.object();
        o.put("apiEndpoint", endpoint(api.apiId(), baseUrl));
        o.put("apiId", api.apiId());
        o.put("apiKeySelectionExpression", API_KEY_SELECTION);
        o.put("createdDate", date(api.createdMs()));
        api.description().ifPresent(d -> o.put("description", d));
        o.put("disableExecuteApiEndpoint", api.disableExecuteApiEndpoint());
        o.put("name", api.name());
        o.put("protocolType", HttpApi.PROTOCOL_HTTP);
        o.put("routeSelectionExpression", api.routeSelectionExpression());
        o.set("tags", strings(api.tags()));
        api.version().ifPresent(v -> o.put("version", v));
        return o;
    }

    /**
     * {@code http://{api-id}.execute-api.{host}:{port}} on the host and port the client used; an IP address becomes
     * {@code localhost}, because a host name is needed to put the API id in front of it.
     */
    static String endpoint(String apiId, String baseUrl) {
        URI base = URI.create(baseUrl);
        String host = base.getHost() == null ? "localhost" : base.getHost();
        if (host.matches("[0-9.]+") || host.startsWith("[") || host.contains(":")) {
            host = "localhost";
        }
        String port = base.getPort() < 0 ? "" : ":" + base.getPort();
        return base.getScheme() + "://" + apiId + ".execute-api." + host + port;
    }

    static ObjectNode route(ApiRoute r) {
        ObjectNode o = WireJson.object();
        o.put("apiGatewayManaged", r.apiGatewayManaged());
        o.put("apiKeyRequired", r.apiKeyRequired());
        o.put("authorizationType", r.authorizationType());
        r.operationName().ifPresent(n -> o.put("operationName", n));
        o.put("routeId", r.routeId());
        o.put("routeKey", r.routeKey());
        r.target().ifPresent(t -> o.put("target", t));
        return o;
    }

    static ObjectNode integration(ApiIntegration i) {
        ObjectNode o = WireJson.object();
        o.put("apiGatewayManaged", i.apiGatewayManaged());
        o.put("connectionType", i.connectionType());
        i.description().ifPresent(d -> o.put("description", d));
        o.put("integrationId", i.integrationId());
        i.integrationMethod().ifPresent(m -> o.put("integrationMethod", m));
        o.put("integrationType", i.integrationType());
        i.integrationUri().ifPresent(u -> o.put("integrationUri", u));
        o.put("payloadFormatVersion", i.payloadFormatVersion());
        o.put("timeoutInMillis", i.timeoutMs());
        return o;
    }

    /** A stage with what its last automatic deployment reported, for autoDeploy stages. */
    static ObjectNode stage(ApiStage s, Optional<String> lastDeploymentStatusMessage) {
        ObjectNode o = WireJson.object();
        o.put("apiGatewayManaged", s.apiGatewayManaged());
        o.put("autoDeploy", s.autoDeploy());
        o.put("createdDate", date(s.createdMs()));
        o.putObject("defaultRouteSettings").put("detailedMetricsEnabled", false);
        s.deploymentId().ifPresent(id -> o.put("deploymentId", id));
        s.description().ifPresent(d -> o.put("description", d));
        lastDeploymentStatusMessage.ifPresent(m -> o.put("lastDeploymentStatusMessage", m));
        o.put("lastUpdatedDate", date(s.lastUpdatedMs()));
        o.putObject("routeSettings");
        o.put("stageName", s.stageName());
        o.set("stageVariables", strings(s.stageVariables()));
        o.putObject("tags");
        return o;
    }

    static ObjectNode deployment(ApiDeployment d) {
        ObjectNode o = WireJson.object();
        o.put("autoDeployed", d.autoDeployed());
        o.put("createdDate", date(d.createdMs()));
        o.put("deploymentId", d.deploymentId());
        o.put("deploymentStatus", DEPLOYED);
        d.description().ifPresent(text -> o.put("description", text));
        return o;
    }

    /** A Get* list answer: {@code items} and, when more remain, {@code nextToken}. */
    static <T> ApiResponse list(Page<T> page, Function<T, ObjectNode> view) {
        ObjectNode o = WireJson.object();
        ArrayNode items = o.putArray("items");
        page.items().forEach(item -> items.add(view.apply(item)));
        page.nextToken().ifPresent(t -> o.put("nextToken", t));
        return ApiResponse.json(200, o);
    }

    private static ObjectNode strings(Map<String, String> map) {
        ObjectNode o = WireJson.object();
        new java.util.TreeMap<>(map).forEach(o::put);
        return o;
    }

    private static String date(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
