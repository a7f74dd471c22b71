package io.stratus.it;

import static io.stratus.it.HttpApiIT.assertBadRequest;
import static io.stratus.it.HttpApiInvokeIT.event;
import static io.stratus.it.HttpApiInvokeIT.get;
import static io.stratus.it.HttpApiInvokeIT.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.testkit.StratusProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.CreateDeploymentResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.DeploymentStatus;
import software.amazon.awssdk.services.apigatewayv2.model.GetDeploymentResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetDeploymentsResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Deployments of HTTP APIs: the five operations and their errors through {@code ApiGatewayV2Client}, and what a
 * stage serves — its deployment's snapshot, or the API as it is for an {@code autoDeploy} stage.
 */
class HttpApiDeploymentIT extends ServerFixture {

    private static final String ECHO = "deploy-echo";
    private static final String NOT_FOUND = "{\"message\":\"Not Found\"}";

    static ApiGatewayV2Client apigw;

    @BeforeAll
    static void deployFunction() {
        apigw = HttpApiIT.gatewayClient(server.endpoint());
        deploy(ECHO, "nodejs22.x", "index.handler", functionZip("node", "gateway-echo"), 10, 128);
    }

    @AfterAll
    static void closeClient() {
        if (apigw != null) {
            apigw.close();
        }
    }

    /** An API with one route, {@code GET /one}, to the echo function, and no stage. */
    private static String apiWithRoute(ApiGatewayV2Client gw, String name) {
        String apiId = gw.createApi(r -> r.name(name).protocolType(ProtocolType.HTTP)).apiId();
        route(gw, apiId, "GET /one", integration(gw, apiId));
        return apiId;
    }

    private static String integration(ApiGatewayV2Client gw, String apiId) {
        return gw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(arn(ECHO)).payloadFormatVersion("2.0")).integrationId();
    }

    private static String route(ApiGatewayV2Client gw, String apiId, String routeKey, String integrationId) {
        return gw.createRoute(r -> r.apiId(apiId).routeKey(routeKey).target("integrations/" + integrationId))
                .routeId();
    }

    private static String routeKeyServed(HttpResponse<byte[]> response) throws Exception {
        return event(response).path("routeKey").asText();
    }

    private static void assertNotServed(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).isEqualTo(NOT_FOUND);
    }

    private static void assertDeploymentNotFound(Runnable call, String deploymentId) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Invalid Deployment identifier specified " + deploymentId);
        });
    }

    @Test
    void createGetListUpdateDeleteDeployments() {
        String apiId = apiWithRoute(apigw, "deployments");
        apigw.createStage(r -> r.apiId(apiId).stageName("prod"));

        CreateDeploymentResponse first = apigw.createDeployment(r -> r.apiId(apiId).stageName("prod")
                .description("first"));
        assertThat(first.deploymentId()).matches("[a-z0-9]{6}");
        assertThat(first.deploymentStatus()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(first.autoDeployed()).isFalse();
        assertThat(first.description()).isEqualTo("first");
        assertThat(first.createdDate()).isNotNull();
        var prod = apigw.getStage(r -> r.apiId(apiId).stageName("prod"));
        assertThat(prod.deploymentId()).isEqualTo(first.deploymentId());
        assertThat(prod.lastDeploymentStatusMessage()).isNull();

        GetDeploymentResponse got = apigw.getDeployment(r -> r.apiId(apiId).deploymentId(first.deploymentId()));
        assertThat(got.deploymentId()).isEqualTo(first.deploymentId());
        assertThat(got.deploymentStatus()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(got.description()).isEqualTo("first");
        assertThat(got.createdDate()).isEqualTo(first.createdDate());

        String second = apigw.createDeployment(r -> r.apiId(apiId)).deploymentId();
        assertThat(apigw.getStage(r -> r.apiId(apiId).stageName("prod")).deploymentId())
                .isEqualTo(first.deploymentId());
        GetDeploymentsResponse page = apigw.getDeployments(r -> r.apiId(apiId).maxResults("1"));
        assertThat(page.items()).extracting(d -> d.deploymentId()).containsExactly(first.deploymentId());
        assertThat(apigw.getDeployments(r -> r.apiId(apiId).nextToken(page.nextToken())).items())
                .extracting(d -> d.deploymentId()).containsExactly(second);

        var updated = apigw.updateDeployment(r -> r.apiId(apiId).deploymentId(second).description("second"));
        assertThat(updated.description()).isEqualTo("second");
        assertThat(updated.autoDeployed()).isFalse();
        assertThat(apigw.getDeployment(r -> r.apiId(apiId).deploymentId(second)).description()).isEqualTo("second");

        apigw.deleteDeployment(r -> r.apiId(apiId).deploymentId(second));
        assertDeploymentNotFound(() -> apigw.getDeployment(r -> r.apiId(apiId).deploymentId(second)), second);
        assertDeploymentNotFound(() -> apigw.deleteDeployment(r -> r.apiId(apiId).deploymentId(second)), second);
        assertDeploymentNotFound(() -> apigw.updateDeployment(r -> r.apiId(apiId).deploymentId(second)
                .description("x")), second);
    }

    @Test
    void aDeploymentAStageServesCannotBeDeletedUntilTheStageMoves() {
        String apiId = apiWithRoute(apigw, "in-use");
        apigw.createStage(r -> r.apiId(apiId).stageName("prod"));
        String first = apigw.createDeployment(r -> r.apiId(apiId).stageName("prod")).deploymentId();
        String second = apigw.createDeployment(r -> r.apiId(apiId)).deploymentId();

        assertBadRequest(() -> apigw.deleteDeployment(r -> r.apiId(apiId).deploymentId(first)),
                "Active stages pointing to this deployment must be moved or deleted");
        assertThat(apigw.updateStage(r -> r.apiId(apiId).stageName("prod").deploymentId(second)).deploymentId())
                .isEqualTo(second);
        apigw.deleteDeployment(r -> r.apiId(apiId).deploymentId(first));
        assertThat(apigw.getDeployments(r -> r.apiId(apiId)).items()).extracting(d -> d.deploymentId())
                .containsExactly(second);

        CreateStageResponse staging = apigw.createStage(r -> r.apiId(apiId).stageName("staging")
                .deploymentId(second));
        assertThat(staging.deploymentId()).isEqualTo(second);
        apigw.deleteStage(r -> r.apiId(apiId).stageName("prod"));
        assertBadRequest(() -> apigw.deleteDeployment(r -> r.apiId(apiId).deploymentId(second)),
                "Active stages pointing to this deployment must be moved or deleted");
        apigw.deleteStage(r -> r.apiId(apiId).stageName("staging"));
        apigw.deleteDeployment(r -> r.apiId(apiId).deploymentId(second));
    }

    @Test
    void refusesWhatApiGatewayRefuses() {
        String apiId = apiWithRoute(apigw, "refusals");
        assertThatThrownBy(() -> apigw.createDeployment(r -> r.apiId("nothere123")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Invalid API identifier specified " + ACCOUNT + ":nothere123"));
        assertThatThrownBy(() -> apigw.createDeployment(r -> r.apiId(apiId).stageName("nope")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Invalid stage identifier specified nope"));
        assertThat(apigw.getDeployments(r -> r.apiId(apiId)).items()).isEmpty();

        apigw.createStage(r -> r.apiId(apiId).stageName("auto").autoDeploy(true));
        assertBadRequest(() -> apigw.createDeployment(r -> r.apiId(apiId).stageName("auto")), "autoDeploy");
        assertDeploymentNotFound(() -> apigw.createStage(r -> r.apiId(apiId).stageName("manual")
                .deploymentId("zzzzzz")), "zzzzzz");
        assertDeploymentNotFound(() -> apigw.updateStage(r -> r.apiId(apiId).stageName("auto").autoDeploy(false)
                .deploymentId("zzzzzz")), "zzzzzz");
        String manual = apigw.createDeployment(r -> r.apiId(apiId)).deploymentId();
        assertBadRequest(() -> apigw.createStage(r -> r.apiId(apiId).stageName("both").autoDeploy(true)
                .deploymentId(manual)), "autoDeploy");
        assertBadRequest(() -> apigw.updateStage(r -> r.apiId(apiId).stageName("auto").deploymentId(manual)),
                "autoDeploy");
        assertThatThrownBy(() -> apigw.getStage(r -> r.apiId(apiId).stageName("manual")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aStageWithoutAutoDeployServesItsDeploymentsSnapshot() throws Exception {
        String apiId = apiWithRoute(apigw, "snapshot");
        apigw.createStage(r -> r.apiId(apiId).stageName("prod"));
        assertNotServed(get(apiId, "/prod/one"));

        String first = apigw.createDeployment(r -> r.apiId(apiId).stageName("prod")).deploymentId();
        assertThat(routeKeyServed(get(apiId, "/prod/one"))).isEqualTo("GET /one");

        String twoId = route(apigw, apiId, "GET /two", integration(apigw, apiId));
        String oneId = apigw.getRoutes(r -> r.apiId(apiId)).items().get(0).routeId();
        apigw.deleteRoute(r -> r.apiId(apiId).routeId(oneId));
        assertNotServed(get(apiId, "/prod/two"));
        assertThat(routeKeyServed(get(apiId, "/prod/one"))).isEqualTo("GET /one");

        apigw.createDeployment(r -> r.apiId(apiId).stageName("prod"));
        assertThat(routeKeyServed(get(apiId, "/prod/two"))).isEqualTo("GET /two");
        assertNotServed(get(apiId, "/prod/one"));

        apigw.updateStage(r -> r.apiId(apiId).stageName("prod").deploymentId(first));
        assertThat(routeKeyServed(get(apiId, "/prod/one"))).isEqualTo("GET /one");
        apigw.updateRoute(r -> r.apiId(apiId).routeId(twoId).routeKey("GET /three"));
        assertNotServed(get(apiId, "/prod/two"));
    }

    @Test
    void anAutoDeployStageIsRedeployedOnEveryChange() throws Exception {
        String apiId = apiWithRoute(apigw, "auto");
        CreateStageResponse live = apigw.createStage(r -> r.apiId(apiId).stageName("live").autoDeploy(true));
        assertThat(live.deploymentId()).matches("[a-z0-9]{6}");
        assertThat(live.lastDeploymentStatusMessage())
                .isEqualTo("Successfully deployed stage with deployment ID '" + live.deploymentId() + "'");
        GetDeploymentResponse automatic = apigw.getDeployment(r -> r.apiId(apiId).deploymentId(live.deploymentId()));
        assertThat(automatic.autoDeployed()).isTrue();
        assertThat(automatic.deploymentStatus()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(routeKeyServed(get(apiId, "/live/one"))).isEqualTo("GET /one");

        route(apigw, apiId, "GET /two", integration(apigw, apiId));
        assertThat(routeKeyServed(get(apiId, "/live/two"))).isEqualTo("GET /two");
        var redeployed = apigw.getStage(r -> r.apiId(apiId).stageName("live"));
        assertThat(redeployed.deploymentId()).isNotEqualTo(live.deploymentId());
        assertThat(redeployed.lastDeploymentStatusMessage()).contains(redeployed.deploymentId());
        assertThat(apigw.getDeployments(r -> r.apiId(apiId)).items()).hasSize(3)
                .allSatisfy(d -> assertThat(d.autoDeployed()).isTrue());

        // turning autoDeploy off freezes the stage on its last automatic deployment
        apigw.updateStage(r -> r.apiId(apiId).stageName("live").autoDeploy(false));
        route(apigw, apiId, "GET /three", integration(apigw, apiId));
        assertNotServed(get(apiId, "/live/three"));
        assertThat(routeKeyServed(get(apiId, "/live/two"))).isEqualTo("GET /two");
        assertThat(apigw.getStage(r -> r.apiId(apiId).stageName("live")).lastDeploymentStatusMessage()).isNull();
    }

    @Test
    void anApiWithoutRoutesCannotBeDeployed() throws Exception {
        String apiId = apigw.createApi(r -> r.name("empty").protocolType(ProtocolType.HTTP)).apiId();
        apigw.createStage(r -> r.apiId(apiId).stageName("prod"));
        assertBadRequest(() -> apigw.createDeployment(r -> r.apiId(apiId).stageName("prod")),
                "Unable to deploy API because no routes exist in this API");
        CreateStageResponse live = apigw.createStage(r -> r.apiId(apiId).stageName("live").autoDeploy(true));
        assertThat(live.deploymentId()).isNull();
        assertThat(live.lastDeploymentStatusMessage())
                .isEqualTo("Deployment attempt failed: Unable to deploy API because no routes exist in this API");
        assertThat(apigw.getDeployments(r -> r.apiId(apiId)).items()).isEmpty();

        String routeId = route(apigw, apiId, "GET /one", integration(apigw, apiId));
        var deployed = apigw.getStage(r -> r.apiId(apiId).stageName("live"));
        assertThat(deployed.deploymentId()).isNotNull();
        assertThat(deployed.lastDeploymentStatusMessage()).startsWith("Successfully deployed stage");
        assertThat(routeKeyServed(get(apiId, "/live/one"))).isEqualTo("GET /one");

        // removing the last route fails the automatic deployment: the stage stays on the one it had
        apigw.deleteRoute(r -> r.apiId(apiId).routeId(routeId));
        var failed = apigw.getStage(r -> r.apiId(apiId).stageName("live"));
        assertThat(failed.deploymentId()).isEqualTo(deployed.deploymentId());
        assertThat(failed.lastDeploymentStatusMessage()).startsWith("Deployment attempt failed");
        assertThat(routeKeyServed(get(apiId, "/live/one"))).isEqualTo("GET /one");
    }

    @Test
    void quickCreateDeploysItsDefaultStage() throws Exception {
        String apiId = apigw.createApi(r -> r.name("quick").protocolType(ProtocolType.HTTP).target(arn(ECHO)))
                .apiId();
        var stage = apigw.getStage(r -> r.apiId(apiId).stageName("$default"));
        assertThat(stage.autoDeploy()).isTrue();
        assertThat(apigw.getDeployment(r -> r.apiId(apiId).deploymentId(stage.deploymentId())).autoDeployed())
                .isTrue();
        assertThat(routeKeyServed(get(apiId, "/anything"))).isEqualTo("$default");
    }

    @Test
    void deploymentsAndWhatTheyServeSurviveARestart() throws Exception {
        Path data = Files.createTempDirectory("stratus-deployments-").resolve("data");
        String apiId;
        String deploymentId;
        StratusProcess first = StratusProcess.start(data);
        try (LambdaClient lambda = client(first.endpoint());
             ApiGatewayV2Client gw = HttpApiIT.gatewayClient(first.endpoint())) {
            lambda.createFunction(r -> r.functionName(ECHO).runtime("nodejs22.x").handler("index.handler")
                    .role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(functionZip("node", "gateway-echo")))));
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(ECHO));
            apiId = apiWithRoute(gw, "durable");
            gw.createStage(r -> r.apiId(apiId).stageName("prod"));
            deploymentId = gw.createDeployment(r -> r.apiId(apiId).stageName("prod").description("kept"))
                    .deploymentId();
            route(gw, apiId, "GET /two", integration(gw, apiId));
        } finally {
            assertThat(first.stop()).isTrue();
        }
        StratusProcess second = StratusProcess.start(data);
        try (ApiGatewayV2Client gw = HttpApiIT.gatewayClient(second.endpoint())) {
            assertThat(gw.getDeployment(r -> r.apiId(apiId).deploymentId(deploymentId)).description())
                    .isEqualTo("kept");
            assertThat(gw.getStage(r -> r.apiId(apiId).stageName("prod")).deploymentId()).isEqualTo(deploymentId);
            assertThat(routeKeyServed(send(second.endpoint(), apiId, "/prod/one"))).isEqualTo("GET /one");
            assertNotServed(send(second.endpoint(), apiId, "/prod/two"));
        } finally {
            second.stop();
        }
    }

    private static HttpResponse<byte[]> send(URI endpoint, String apiId, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/execute-api/" + apiId
                + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
