package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ApiGatewayV2Exception;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/** The API Gateway v2 control plane for HTTP APIs, through the AWS SDK's ApiGatewayV2Client. */
class HttpApiIT extends ServerFixture {

    static ApiGatewayV2Client apigw;
    static final String FUNCTION_ARN = arn("some-function");

    @BeforeAll
    static void client() {
        apigw = gatewayClient(server.endpoint());
    }

    @AfterAll
    static void closeClient() {
        if (apigw != null) {
            apigw.close();
        }
    }

    static ApiGatewayV2Client gatewayClient(java.net.URI endpoint) {
        return ApiGatewayV2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    private static String newApi(String name) {
        return apigw.createApi(r -> r.name(name).protocolType(ProtocolType.HTTP)).apiId();
    }

    @Test
    void createApiReportsItsFieldsAndEndpoint() {
        CreateApiResponse created = apigw.createApi(r -> r.name("plain").protocolType(ProtocolType.HTTP)
                .description("d").version("v1").tags(Map.of("team", "a")));
        assertThat(created.apiId()).matches("[a-z0-9]{10}");
        assertThat(created.name()).isEqualTo("plain");
        assertThat(created.protocolType()).isEqualTo(ProtocolType.HTTP);
        assertThat(created.routeSelectionExpression()).isEqualTo("${request.method} ${request.path}");
        assertThat(created.apiKeySelectionExpression()).isEqualTo("$request.header.x-api-key");
        assertThat(created.description()).isEqualTo("d");
        assertThat(created.version()).isEqualTo("v1");
        assertThat(created.tags()).containsEntry("team", "a");
        assertThat(created.createdDate()).isNotNull();
        assertThat(created.disableExecuteApiEndpoint()).isFalse();
        assertThat(created.apiEndpoint()).isEqualTo("http://" + created.apiId() + ".execute-api.localhost:"
                + server.endpoint().getPort());

        var got = apigw.getApi(r -> r.apiId(created.apiId()));
        assertThat(got.name()).isEqualTo("plain");
        assertThat(got.createdDate()).isEqualTo(created.createdDate());
        assertThat(apigw.getRoutes(r -> r.apiId(created.apiId())).items()).isEmpty();
        assertThat(apigw.getStages(r -> r.apiId(created.apiId())).items()).isEmpty();
    }

    @Test
    void quickCreateMakesManagedIntegrationRouteAndDefaultStage() {
        CreateApiResponse created = apigw.createApi(r -> r.name("quick").protocolType(ProtocolType.HTTP)
                .target(FUNCTION_ARN).routeKey("GET /pets"));
        String apiId = created.apiId();
        var integrations = apigw.getIntegrations(r -> r.apiId(apiId)).items();
        assertThat(integrations).hasSize(1);
        var integration = integrations.get(0);
        assertThat(integration.integrationId()).matches("[a-z0-9]{7}");
        assertThat(integration.integrationType()).isEqualTo(IntegrationType.AWS_PROXY);
        assertThat(integration.integrationUri()).isEqualTo(FUNCTION_ARN);
        assertThat(integration.payloadFormatVersion()).isEqualTo("2.0");
        assertThat(integration.timeoutInMillis()).isEqualTo(30000);
        assertThat(integration.apiGatewayManaged()).isTrue();
        var routes = apigw.getRoutes(r -> r.apiId(apiId)).items();
        assertThat(routes).singleElement().satisfies(route -> {
            assertThat(route.routeKey()).isEqualTo("GET /pets");
            assertThat(route.target()).isEqualTo("integrations/" + integration.integrationId());
            assertThat(route.apiGatewayManaged()).isTrue();
            assertThat(route.authorizationTypeAsString()).isEqualTo("NONE");
        });
        var stages = apigw.getStages(r -> r.apiId(apiId)).items();
        assertThat(stages).singleElement().satisfies(stage -> {
            assertThat(stage.stageName()).isEqualTo("$default");
            assertThat(stage.autoDeploy()).isTrue();
            assertThat(stage.apiGatewayManaged()).isTrue();
        });
        String defaultRoute = apigw.createApi(r -> r.name("quick2").protocolType(ProtocolType.HTTP)
                .target(FUNCTION_ARN)).apiId();
        assertThat(apigw.getRoutes(r -> r.apiId(defaultRoute)).items()).singleElement()
                .satisfies(route -> assertThat(route.routeKey()).isEqualTo("$default"));
    }

    @Test
    void createApiRefusesBadInput() {
        assertBadRequest(() -> apigw.createApi(r -> r.protocolType(ProtocolType.HTTP)), "name is required");
        assertBadRequest(() -> apigw.createApi(r -> r.name("x")), "protocolType is required");
        assertBadRequest(() -> apigw.createApi(r -> r.name("x").protocolType(ProtocolType.WEBSOCKET)
                .routeSelectionExpression("$request.body.action")), "HTTP APIs only");
        assertBadRequest(() -> apigw.createApi(r -> r.name("x").protocolType(ProtocolType.HTTP)
                .target(FUNCTION_ARN).routeKey("GET pets")), "Invalid route key");
        assertBadRequest(() -> apigw.createApi(r -> r.name("x").protocolType(ProtocolType.HTTP)
                .target("not-an-arn")), "Invalid target");
    }

    @Test
    void updateAndDeleteApi() {
        String apiId = newApi("before");
        var updated = apigw.updateApi(r -> r.apiId(apiId).name("after").description("desc"));
        assertThat(updated.name()).isEqualTo("after");
        assertThat(updated.description()).isEqualTo("desc");
        assertThat(apigw.getApi(r -> r.apiId(apiId)).name()).isEqualTo("after");
        apigw.deleteApi(r -> r.apiId(apiId));
        assertThatThrownBy(() -> apigw.getApi(r -> r.apiId(apiId)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Invalid API identifier specified " + ACCOUNT + ":" + apiId);
                });
        assertThatThrownBy(() -> apigw.deleteApi(r -> r.apiId(apiId))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> apigw.getRoutes(r -> r.apiId(apiId))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getApisPaginates() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(newApi("paged-" + i));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            GetApisResponse page = apigw.getApis(r -> r.maxResults("2").nextToken(t));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(a -> seen.add(a.apiId()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsAll(mine).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertBadRequest(() -> apigw.getApis(r -> r.nextToken("garbage!")), "Invalid nextToken");
        assertBadRequest(() -> apigw.getApis(r -> r.maxResults("0")), "Invalid maxResults");
    }

    @Test
    void routesLifecycleAndValidation() {
        String apiId = newApi("routes");
        String integrationId = lambdaIntegration(apiId, "2.0").integrationId();
        CreateRouteResponse route = apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /items/{id}")
                .target("integrations/" + integrationId).operationName("getItem"));
        assertThat(route.routeId()).matches("[a-z0-9]{7}");
        assertThat(route.routeKey()).isEqualTo("GET /items/{id}");
        assertThat(route.target()).isEqualTo("integrations/" + integrationId);
        assertThat(route.apiKeyRequired()).isFalse();
        assertThat(route.apiGatewayManaged()).isFalse();
        assertThat(route.operationName()).isEqualTo("getItem");
        assertThat(apigw.getRoute(r -> r.apiId(apiId).routeId(route.routeId())).routeKey())
                .isEqualTo("GET /items/{id}");

        for (String good : List.of("$default", "ANY /", "POST /a/{b}/c", "GET /files/{proxy+}", "DELETE /x.y-z")) {
            apigw.createRoute(r -> r.apiId(apiId).routeKey(good));
        }
        for (String bad : List.of("GET", "get /x", "FETCH /x", "GET x", "GET /{proxy+}/more", "GET /a//b",
                "GET /{a}/{a}", "GET /a{b}")) {
            assertBadRequest(() -> apigw.createRoute(r -> r.apiId(apiId).routeKey(bad)), "Invalid route key");
        }
        assertThatThrownBy(() -> apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /items/{id}")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("GET /items/{id}");
                });
        assertBadRequest(() -> apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /t").target("lambda")),
                "Invalid target");
        assertBadRequest(() -> apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /t")
                .target("integrations/nope123")), "does not exist");

        var updated = apigw.updateRoute(r -> r.apiId(apiId).routeId(route.routeId()).routeKey("PUT /items/{id}"));
        assertThat(updated.routeKey()).isEqualTo("PUT /items/{id}");
        assertThat(updated.target()).isEqualTo("integrations/" + integrationId);
        assertThatThrownBy(() -> apigw.updateRoute(r -> r.apiId(apiId).routeId(route.routeId())
                .routeKey("$default"))).isInstanceOf(ConflictException.class);
        assertThat(apigw.getRoutes(r -> r.apiId(apiId)).items()).hasSize(6);
        var firstPage = apigw.getRoutes(r -> r.apiId(apiId).maxResults("4"));
        assertThat(firstPage.items()).hasSize(4);
        assertThat(apigw.getRoutes(r -> r.apiId(apiId).nextToken(firstPage.nextToken())).items()).hasSize(2);

        apigw.deleteRoute(r -> r.apiId(apiId).routeId(route.routeId()));
        assertThatThrownBy(() -> apigw.getRoute(r -> r.apiId(apiId).routeId(route.routeId())))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Invalid Route identifier specified " + route.routeId()));
        assertThatThrownBy(() -> apigw.createRoute(r -> r.apiId("missing123").routeKey("GET /")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void integrationsLifecycleAndValidation() {
        String apiId = newApi("integrations");
        String invocationsUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + FUNCTION_ARN
                + "/invocations";
        CreateIntegrationResponse created = apigw.createIntegration(r -> r.apiId(apiId)
                .integrationType(IntegrationType.AWS_PROXY).integrationUri(invocationsUri)
                .payloadFormatVersion("1.0").timeoutInMillis(5000).description("v1 payload"));
        assertThat(created.integrationId()).matches("[a-z0-9]{7}");
        assertThat(created.integrationUri()).isEqualTo(invocationsUri);
        assertThat(created.payloadFormatVersion()).isEqualTo("1.0");
        assertThat(created.timeoutInMillis()).isEqualTo(5000);
        assertThat(created.integrationMethod()).isEqualTo("POST");
        assertThat(created.connectionTypeAsString()).isEqualTo("INTERNET");
        assertThat(lambdaIntegration(apiId, "2.0").timeoutInMillis()).isEqualTo(30000);

        assertBadRequest(() -> apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(FUNCTION_ARN)), "payloadFormatVersion is required");
        assertBadRequest(() -> apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(FUNCTION_ARN).payloadFormatVersion("3.0")), "payloadFormatVersion");
        assertBadRequest(() -> apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri("arn:aws:s3:::bucket").payloadFormatVersion("2.0")), "Invalid integrationUri");
        for (int bad : new int[] {49, 30001}) {
            assertBadRequest(() -> apigw.createIntegration(r -> r.apiId(apiId)
                    .integrationType(IntegrationType.AWS_PROXY).integrationUri(FUNCTION_ARN)
                    .payloadFormatVersion("2.0").timeoutInMillis(bad)), "Timeout must be between 50");
        }
        assertBadRequest(() -> apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
                .integrationUri("https://example.com").payloadFormatVersion("1.0")), "AWS_PROXY");

        var updated = apigw.updateIntegration(r -> r.apiId(apiId).integrationId(created.integrationId())
                .payloadFormatVersion("2.0").timeoutInMillis(50));
        assertThat(updated.payloadFormatVersion()).isEqualTo("2.0");
        assertThat(updated.timeoutInMillis()).isEqualTo(50);
        assertThat(updated.description()).isEqualTo("v1 payload");
        assertThat(apigw.getIntegration(r -> r.apiId(apiId).integrationId(created.integrationId()))
                .timeoutInMillis()).isEqualTo(50);

        String routeId = apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /")
                .target("integrations/" + created.integrationId())).routeId();
        assertThatThrownBy(() -> apigw.deleteIntegration(r -> r.apiId(apiId)
                .integrationId(created.integrationId()))).isInstanceOf(ConflictException.class);
        apigw.deleteRoute(r -> r.apiId(apiId).routeId(routeId));
        apigw.deleteIntegration(r -> r.apiId(apiId).integrationId(created.integrationId()));
        assertThatThrownBy(() -> apigw.getIntegration(r -> r.apiId(apiId).integrationId(created.integrationId())))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).startsWith("Invalid Integration identifier specified"));
        assertThat(apigw.getIntegrations(r -> r.apiId(apiId)).items()).hasSize(1);
    }

    @Test
    void stagesLifecycleAndValidation() {
        String apiId = newApi("stages");
        CreateStageResponse created = apigw.createStage(r -> r.apiId(apiId).stageName("prod")
                .stageVariables(Map.of("color", "blue")).description("production"));
        assertThat(created.stageName()).isEqualTo("prod");
        assertThat(created.autoDeploy()).isFalse();
        assertThat(created.stageVariables()).containsExactlyEntriesOf(Map.of("color", "blue"));
        assertThat(created.createdDate()).isNotNull();
        assertThat(created.lastUpdatedDate()).isNotNull();
        apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));

        assertThatThrownBy(() -> apigw.createStage(r -> r.apiId(apiId).stageName("prod")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        assertBadRequest(() -> apigw.createStage(r -> r.apiId(apiId).stageName("bad name")), "Invalid stageName");
        assertBadRequest(() -> apigw.createStage(r -> r.apiId(apiId).stageName("ok")
                .stageVariables(Map.of("bad-name", "x"))), "Invalid stage variable name");

        var updated = apigw.updateStage(r -> r.apiId(apiId).stageName("prod").autoDeploy(true)
                .stageVariables(Map.of("color", "green", "size", "L")));
        assertThat(updated.autoDeploy()).isTrue();
        assertThat(updated.description()).isEqualTo("production");
        GetStageResponse got = apigw.getStage(r -> r.apiId(apiId).stageName("prod"));
        assertThat(got.stageVariables()).containsExactlyInAnyOrderEntriesOf(Map.of("color", "green", "size", "L"));
        assertThat(apigw.getStage(r -> r.apiId(apiId).stageName("$default")).autoDeploy()).isTrue();
        assertThat(apigw.getStages(r -> r.apiId(apiId)).items()).extracting(s -> s.stageName())
                .containsExactly("prod", "$default");

        apigw.deleteStage(r -> r.apiId(apiId).stageName("prod"));
        assertThatThrownBy(() -> apigw.getStage(r -> r.apiId(apiId).stageName("prod")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void errorsCarryApiGatewayTypesAndMessageMember() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                server.endpoint().resolve("/v2/apis/nothere123")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("NotFoundException");
        assertThat(response.body()).isEqualTo("{\"message\":\"Invalid API identifier specified " + ACCOUNT
                + ":nothere123\",\"resourceType\":\"Api\"}");
        var malformed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                server.endpoint().resolve("/v2/apis")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("x-amzn-ErrorType")).contains("BadRequestException");
    }

    static CreateIntegrationResponse lambdaIntegration(String apiId, String payloadVersion) {
        return apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(FUNCTION_ARN).payloadFormatVersion(payloadVersion));
    }

    static void assertBadRequest(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }
}
