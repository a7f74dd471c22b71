package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.testkit.StratusProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Calling HTTP APIs: stages, route selection, payload formats 1.0 and 2.0, and API Gateway's error answers. */
class HttpApiInvokeIT extends ServerFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ECHO = "gw-echo";
    /** {@code dd/MMM/yyyy:HH:mm:ss +0000}, as both payload formats write request times. */
    private static final String REQUEST_TIME = "\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000";

    static ApiGatewayV2Client apigw;

    @BeforeAll
    static void deployFunctions() {
        apigw = HttpApiIT.gatewayClient(server.endpoint());
        deploy(ECHO, "nodejs22.x", "index.handler", functionZip("node", "gateway-echo"), 10, 128);
        deploy("gw-thrower", "nodejs22.x", "index.handler", functionZip("node", "thrower"), 10, 128);
        deploy("gw-throttled", "nodejs22.x", "index.handler", functionZip("node", "gateway-echo"), 10, 128);
        lambda.putFunctionConcurrency(r -> r.functionName("gw-throttled").reservedConcurrentExecutions(0));
    }

    @AfterAll
    static void closeClient() {
        if (apigw != null) {
            apigw.close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** An API with a $default auto-deploy stage and no routes yet. */
    private static String api(String name) {
        String apiId = apigw.createApi(r -> r.name(name).protocolType(ProtocolType.HTTP)).apiId();
        apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
        return apiId;
    }

    private static String integration(String apiId, String function, String payloadVersion) {
        return apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(arn(function)).payloadFormatVersion(payloadVersion)).integrationId();
    }

    private static void route(String apiId, String routeKey, String integrationId) {
        apigw.createRoute(r -> r.apiId(apiId).routeKey(routeKey).target("integrations/" + integrationId));
    }

    static HttpResponse<byte[]> call(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A path-style request: {@code /execute-api/{apiId}{path}}. */
    static HttpRequest.Builder pathStyle(String apiId, String pathAndQuery) {
        return HttpRequest.newBuilder(server.endpoint().resolve("/execute-api/" + apiId + pathAndQuery));
    }

    static HttpResponse<byte[]> get(String apiId, String pathAndQuery) throws Exception {
        return call(pathStyle(apiId, pathAndQuery));
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The event gateway-echo returned as its body. */
    static JsonNode event(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    // ---- tests --------------------------------------------------------------------------------------------------

    @Test
    void quickCreatedApiAnswersPathStyleAndHostStyle() throws Exception {
        String apiId = apigw.createApi(r -> r.name("quick").protocolType(ProtocolType.HTTP).target(arn(ECHO)))
                .apiId();
        HttpResponse<byte[]> pathStyle = get(apiId, "/hello/world?x=1");
        JsonNode event = event(pathStyle);
        assertThat(event.path("routeKey").asText()).isEqualTo("$default");
        assertThat(event.path("rawPath").asText()).isEqualTo("/hello/world");
        assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("$default");
        assertThat(pathStyle.headers().firstValue("x-echo")).contains("yes");
        String requestId = pathStyle.headers().firstValue("apigw-requestid").orElseThrow();
        assertThat(requestId).isEqualTo(event.path("requestContext").path("requestId").asText())
                .matches("[A-Za-z0-9+/=]{16}");

        int port = server.endpoint().getPort();
        HttpResponse<byte[]> hostStyle = call(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/via/host")).header("Host", apiId + ".execute-api.localhost:" + port));
        JsonNode hostEvent = event(hostStyle);
        assertThat(hostEvent.path("rawPath").asText()).isEqualTo("/via/host");
        assertThat(hostEvent.path("requestContext").path("domainName").asText())
                .isEqualTo(apiId + ".execute-api.localhost");
        assertThat(hostEvent.path("requestContext").path("domainPrefix").asText()).isEqualTo(apiId);
    }

    @Test
    void payloadFormat2EventFieldByField() throws Exception {
        String apiId = apigw.createApi(r -> r.name("v2").protocolType(ProtocolType.HTTP)).apiId();
        apigw.createStage(r -> r.apiId(apiId).stageName("prod").autoDeploy(true)
                .stageVariables(Map.of("color", "blue")));
        route(apiId, "POST /items/{id}", integration(apiId, ECHO, "2.0"));
        long before = System.currentTimeMillis();
        HttpResponse<byte[]> response = call(pathStyle(apiId, "/prod/items/42?a=1&a=2&b=x%20y")
                .header("Content-Type", "application/json").header("X-Multi", "v1").header("X-Multi", "v2")
                .header("Cookie", "c1=v1; c2=v2").header("User-Agent", "it-agent/1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"v\"}")));
        JsonNode e = event(response);
        assertThat(e.path("version").asText()).isEqualTo("2.0");
        assertThat(e.path("routeKey").asText()).isEqualTo("POST /items/{id}");
        assertThat(e.path("rawPath").asText()).isEqualTo("/prod/items/42");
        assertThat(e.path("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x%20y");
        assertThat(e.path("cookies")).extracting(JsonNode::asText).containsExactly("c1=v1", "c2=v2");
        assertThat(e.path("headers").path("x-multi").asText()).isEqualTo("v1,v2");
        assertThat(e.path("headers").path("content-type").asText()).isEqualTo("application/json");
        assertThat(e.path("headers").has("cookie")).isFalse();
        assertThat(e.path("queryStringParameters").path("a").asText()).isEqualTo("1,2");
        assertThat(e.path("queryStringParameters").path("b").asText()).isEqualTo("x y");
        assertThat(e.path("body").asText()).isEqualTo("{\"k\":\"v\"}");
        assertThat(e.path("isBase64Encoded").asBoolean(true)).isFalse();
        assertThat(e.path("pathParameters")).isEqualTo(JSON.readTree("{\"id\":\"42\"}"));
        assertThat(e.path("stageVariables")).isEqualTo(JSON.readTree("{\"color\":\"blue\"}"));
        JsonNode ctx = e.path("requestContext");
        assertThat(ctx.path("accountId").asText()).isEqualTo(ACCOUNT);
        assertThat(ctx.path("apiId").asText()).isEqualTo(apiId);
        assertThat(ctx.path("routeKey").asText()).isEqualTo("POST /items/{id}");
        assertThat(ctx.path("stage").asText()).isEqualTo("prod");
        assertThat(ctx.path("http").path("method").asText()).isEqualTo("POST");
        assertThat(ctx.path("http").path("path").asText()).isEqualTo("/prod/items/42");
        assertThat(ctx.path("http").path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(ctx.path("http").path("sourceIp").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(ctx.path("http").path("userAgent").asText()).isEqualTo("it-agent/1.0");
        assertThat(ctx.path("time").asText()).matches(REQUEST_TIME);
        assertThat(ctx.path("timeEpoch").asLong()).isBetween(before - 1000, System.currentTimeMillis());
        assertThat(ctx.path("requestId").asText()).isEqualTo(response.headers().firstValue("apigw-requestid")
                .orElseThrow());

        JsonNode bare = event(call(pathStyle(apiId, "/prod/items/7").POST(HttpRequest.BodyPublishers.noBody())));
        assertThat(bare.has("body")).isFalse();
        assertThat(bare.has("cookies")).isFalse();
        assertThat(bare.has("queryStringParameters")).isFalse();
        assertThat(bare.path("rawQueryString").asText()).isEmpty();
    }

    @Test
    void payloadFormat1EventFieldByFieldAndResponseMapping() throws Exception {
        String apiId = api("v1");
        route(apiId, "GET /people/{name}", integration(apiId, ECHO, "1.0"));
        HttpResponse<byte[]> response = call(pathStyle(apiId, "/people/ada?q=1&q=2&lone=x")
                .header("X-Multi", "a").header("X-Multi", "b").header("Cookie", "k=v")
                .header("User-Agent", "it-agent/1.0"));
        JsonNode e = event(response);
        assertThat(e.path("version").asText()).isEqualTo("1.0");
        assertThat(e.path("resource").asText()).isEqualTo("/people/{name}");
        assertThat(e.path("path").asText()).isEqualTo("/people/ada");
        assertThat(e.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(e.path("headers").path("x-multi").asText()).isEqualTo("b");
        assertThat(e.path("headers").path("cookie").asText()).isEqualTo("k=v");
        assertThat(e.path("multiValueHeaders").path("x-multi")).extracting(JsonNode::asText).containsExactly("a", "b");
        assertThat(e.path("queryStringParameters").path("q").asText()).isEqualTo("2");
        assertThat(e.path("multiValueQueryStringParameters").path("q")).extracting(JsonNode::asText)
                .containsExactly("1", "2");
        assertThat(e.path("multiValueQueryStringParameters").path("lone")).extracting(JsonNode::asText)
                .containsExactly("x");
        assertThat(e.path("pathParameters")).isEqualTo(JSON.readTree("{\"name\":\"ada\"}"));
        assertThat(e.get("stageVariables").isNull()).isTrue();
        assertThat(e.get("body").isNull()).isTrue();
        assertThat(e.path("isBase64Encoded").asBoolean(true)).isFalse();
        JsonNode ctx = e.path("requestContext");
        assertThat(ctx.path("accountId").asText()).isEqualTo(ACCOUNT);
        assertThat(ctx.path("apiId").asText()).isEqualTo(apiId);
        assertThat(ctx.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(ctx.path("path").asText()).isEqualTo("/people/ada");
        assertThat(ctx.path("stage").asText()).isEqualTo("$default");
        assertThat(ctx.path("resourcePath").asText()).isEqualTo("/people/{name}");
        assertThat(ctx.path("resourceId").asText()).isEqualTo("GET /people/{name}");
        assertThat(ctx.path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(ctx.path("identity").path("sourceIp").asText()).isNotEmpty();
        assertThat(ctx.path("identity").path("userAgent").asText()).isEqualTo("it-agent/1.0");
        assertThat(ctx.path("requestTime").asText()).matches(REQUEST_TIME);
        assertThat(ctx.path("requestTimeEpoch").asLong()).isPositive();
        assertThat(ctx.path("requestId").asText()).isEqualTo(response.headers().firstValue("apigw-requestid")
                .orElseThrow());

        JsonNode bare = event(get(apiId, "/people/bob"));
        assertThat(bare.get("queryStringParameters").isNull()).isTrue();
        assertThat(bare.get("multiValueQueryStringParameters").isNull()).isTrue();

        HttpResponse<byte[]> multi = call(pathStyle(apiId, "/people/x").header("x-mode", "cookies"));
        assertThat(multi.statusCode()).isEqualTo(201);
        assertThat(multi.headers().allValues("x-multi")).containsExactly("a", "b");
        assertThat(multi.headers().firstValue("x-single")).contains("one");
        assertThat(text(multi)).isEqualTo("created");

        HttpResponse<byte[]> noStatus = call(pathStyle(apiId, "/people/x").header("x-mode", "nostatus"));
        assertThat(noStatus.statusCode()).isEqualTo(502);
        assertThat(text(noStatus)).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void mostSpecificRouteWins() throws Exception {
        String apiId = api("routing");
        String echo = integration(apiId, ECHO, "2.0");
        for (String key : List.of("GET /pets", "ANY /pets", "GET /pets/{id}", "GET /pets/dog", "ANY /pets/{id}/toys",
                "ANY /files/{proxy+}", "GET /files/{dir}/readme", "$default")) {
            route(apiId, key, echo);
        }
        assertThat(routeKeyOf(apiId, "GET", "/pets")).isEqualTo("GET /pets");
        assertThat(routeKeyOf(apiId, "POST", "/pets")).isEqualTo("ANY /pets");
        assertThat(routeKeyOf(apiId, "GET", "/pets/dog")).isEqualTo("GET /pets/dog");
        assertThat(routeKeyOf(apiId, "GET", "/pets/cat")).isEqualTo("GET /pets/{id}");
        assertThat(routeKeyOf(apiId, "PUT", "/pets/cat")).isEqualTo("$default");
        assertThat(routeKeyOf(apiId, "PATCH", "/pets/cat/toys")).isEqualTo("ANY /pets/{id}/toys");
        assertThat(routeKeyOf(apiId, "GET", "/files/docs/readme")).isEqualTo("GET /files/{dir}/readme");
        assertThat(routeKeyOf(apiId, "GET", "/files")).isEqualTo("$default");
        assertThat(routeKeyOf(apiId, "GET", "/elsewhere")).isEqualTo("$default");

        JsonNode greedy = event(call(pathStyle(apiId, "/files/a/b/c.txt").DELETE()));
        assertThat(greedy.path("routeKey").asText()).isEqualTo("ANY /files/{proxy+}");
        assertThat(greedy.path("pathParameters").path("proxy").asText()).isEqualTo("a/b/c.txt");
        JsonNode param = event(get(apiId, "/pets/cat"));
        assertThat(param.path("pathParameters").path("id").asText()).isEqualTo("cat");
    }

    private static String routeKeyOf(String apiId, String method, String path) throws Exception {
        return event(call(pathStyle(apiId, path).method(method, HttpRequest.BodyPublishers.noBody())))
                .path("routeKey").asText();
    }

    @Test
    void unmatchedRequestsAnswerNotFound() throws Exception {
        String apiId = api("no-default");
        route(apiId, "GET /only", integration(apiId, ECHO, "2.0"));
        assertThat(get(apiId, "/only").statusCode()).isEqualTo(200);
        for (HttpResponse<byte[]> miss : List.of(get(apiId, "/other"),
                call(pathStyle(apiId, "/only").POST(HttpRequest.BodyPublishers.noBody())),
                get("nosuchapi1", "/only"))) {
            assertThat(miss.statusCode()).isEqualTo(404);
            assertThat(text(miss)).isEqualTo("{\"message\":\"Not Found\"}");
            assertThat(miss.headers().firstValue("apigw-requestid")).isPresent();
        }
        route(apiId, "GET /untargeted", integration(apiId, ECHO, "2.0"));
        apigw.createRoute(r -> r.apiId(apiId).routeKey("GET /no-target"));
        assertThat(get(apiId, "/no-target").statusCode()).isEqualTo(404);
    }

    @Test
    void namedStagePrefixWinsOverDefaultStage() throws Exception {
        String apiId = apigw.createApi(r -> r.name("stages").protocolType(ProtocolType.HTTP)).apiId();
        apigw.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true)
                .stageVariables(Map.of("env", "default")));
        apigw.createStage(r -> r.apiId(apiId).stageName("beta").autoDeploy(true)
                .stageVariables(Map.of("env", "beta")));
        route(apiId, "ANY /{proxy+}", integration(apiId, ECHO, "2.0"));

        JsonNode beta = event(get(apiId, "/beta/thing"));
        assertThat(beta.path("requestContext").path("stage").asText()).isEqualTo("beta");
        assertThat(beta.path("pathParameters").path("proxy").asText()).isEqualTo("thing");
        assertThat(beta.path("stageVariables").path("env").asText()).isEqualTo("beta");
        JsonNode dflt = event(get(apiId, "/gamma/thing"));
        assertThat(dflt.path("requestContext").path("stage").asText()).isEqualTo("$default");
        assertThat(dflt.path("pathParameters").path("proxy").asText()).isEqualTo("gamma/thing");
        assertThat(dflt.path("stageVariables").path("env").asText()).isEqualTo("default");

        apigw.updateStage(r -> r.apiId(apiId).stageName("beta").stageVariables(Map.of("env", "beta2")));
        assertThat(event(get(apiId, "/beta/thing")).path("stageVariables").path("env").asText()).isEqualTo("beta2");
        apigw.deleteStage(r -> r.apiId(apiId).stageName("$default"));
        assertThat(get(apiId, "/gamma/thing").statusCode()).isEqualTo(404);
        assertThat(get(apiId, "/beta/thing").statusCode()).isEqualTo(200);
    }

    @Test
    void binaryBodiesTravelAsBase64BothWays() throws Exception {
        String apiId = api("binary");
        route(apiId, "POST /upload", integration(apiId, ECHO, "2.0"));
        byte[] bytes = {0, (byte) 0xff, 0x10, (byte) 0x80};
        JsonNode e = event(call(pathStyle(apiId, "/upload").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))));
        assertThat(e.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(java.util.Base64.getDecoder().decode(e.path("body").asText())).isEqualTo(bytes);

        HttpResponse<byte[]> binary = call(pathStyle(apiId, "/upload").header("x-mode", "binary")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.headers().firstValue("content-type")).contains("application/octet-stream");
        assertThat(binary.body()).containsExactly(0, 1, 2, 253, 254, 255);

        HttpResponse<byte[]> cookies = call(pathStyle(apiId, "/upload").header("x-mode", "cookies")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(cookies.statusCode()).isEqualTo(201);
        assertThat(cookies.headers().allValues("set-cookie")).containsExactly("c1=v1", "c2=v2; Max-Age=60");
        assertThat(text(cookies)).isEqualTo("created");
    }

    @Test
    void gatewayErrorsHaveApiGatewayBodies() throws Exception {
        String apiId = api("errors");
        route(apiId, "GET /throws", integration(apiId, "gw-thrower", "2.0"));
        route(apiId, "GET /throttled", integration(apiId, "gw-throttled", "2.0"));
        route(apiId, "GET /missing", integration(apiId, "no-such-function", "2.0"));
        String slow = integration(apiId, ECHO, "2.0");
        apigw.updateIntegration(r -> r.apiId(apiId).integrationId(slow).timeoutInMillis(300));
        route(apiId, "GET /slow", slow);

        assertAnswer(get(apiId, "/throws"), 502, "{\"message\":\"Internal Server Error\"}");
        assertAnswer(get(apiId, "/throttled"), 429, "{\"message\":\"Too Many Requests\"}");
        assertAnswer(get(apiId, "/missing"), 500, "{\"message\":\"Internal Server Error\"}");
        long start = System.nanoTime();
        assertAnswer(call(pathStyle(apiId, "/slow").header("x-mode", "sleep")), 503,
                "{\"message\":\"Service Unavailable\"}");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1400);
        // A fast call still fits the 300 ms. The sleeping call keeps its sandbox busy, so this one may need a new
        // sandbox, whose start can exceed 300 ms on a loaded machine: ask again until one is warm.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(text(get(apiId, "/slow"))).contains("\"routeKey\":\"GET /slow\""));
    }

    private static void assertAnswer(HttpResponse<byte[]> response, int status, String body) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(text(response)).isEqualTo(body);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
    }

    @Test
    void apisSurviveARestart() throws Exception {
        Path data = Files.createTempDirectory("stratus-apis-").resolve("data");
        String apiId;
        StratusProcess first = StratusProcess.start(data);
        try (LambdaClient lambda = client(first.endpoint());
             ApiGatewayV2Client gw = HttpApiIT.gatewayClient(first.endpoint())) {
            lambda.createFunction(r -> r.functionName("durable-echo").runtime("nodejs22.x").handler("index.handler")
                    .role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(functionZip("node", "gateway-echo")))));
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("durable-echo"));
            apiId = gw.createApi(r -> r.name("durable").protocolType(ProtocolType.HTTP)
                    .target(arn("durable-echo")).routeKey("GET /kept/{id}")).apiId();
            gw.createStage(r -> r.apiId(apiId).stageName("live").stageVariables(Map.of("k", "v")));
            gw.createDeployment(r -> r.apiId(apiId).stageName("live"));
        } finally {
            assertThat(first.stop()).isTrue();
        }
        StratusProcess second = StratusProcess.start(data);
        try (ApiGatewayV2Client gw = HttpApiIT.gatewayClient(second.endpoint())) {
            assertThat(gw.getApi(r -> r.apiId(apiId)).name()).isEqualTo("durable");
            assertThat(gw.getRoutes(r -> r.apiId(apiId)).items()).singleElement()
                    .satisfies(route -> assertThat(route.routeKey()).isEqualTo("GET /kept/{id}"));
            assertThat(gw.getStage(r -> r.apiId(apiId).stageName("live")).stageVariables()).containsEntry("k", "v");
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(second.endpoint()
                    .resolve("/execute-api/" + apiId + "/live/kept/7")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode e = event(response);
            assertThat(e.path("pathParameters").path("id").asText()).isEqualTo("7");
            assertThat(e.path("stageVariables").path("k").asText()).isEqualTo("v");
        } finally {
            second.stop();
        }
    }
}
