package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.testkit.StratusProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

/**
 * With {@code --invoke-permissions enforce}, triggers invoke a function only when its resource policy allows them,
 * and are refused the way AWS refuses them: API Gateway answers 500, a function URL 403.
 */
class TriggerPermissionsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static StratusProcess server;
    private static LambdaClient lambda;
    private static ApiGatewayV2Client apigw;

    @BeforeAll
    static void start() throws Exception {
        server = StratusProcess.start(Files.createTempDirectory("stratus-perm-").resolve("data"),
                "--invoke-permissions", "enforce");
        lambda = ServerFixture.client(server.endpoint());
        apigw = HttpApiIT.gatewayClient(server.endpoint());
    }

    @AfterAll
    static void stop() {
        lambda.close();
        apigw.close();
        server.stop();
    }

    private static void deploy(String name) {
        lambda.createFunction(ServerFixture.nodeFunction(name).build());
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anHttpApiNeedsAnApiGatewayGrantMatchingItsSourceArn() throws Exception {
        deploy("perm-gw");
        String apiId = apigw.createApi(r -> r.name("perm-gw").protocolType("HTTP")
                .target(ServerFixture.arn("perm-gw"))).apiId();
        String url = server.endpoint() + "/execute-api/" + apiId + "/anything";

        HttpResponse<String> refused = get(url);
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");

        lambda.addPermission(r -> r.functionName("perm-gw").statementId("other-api")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:us-east-1:" + ServerFixture.ACCOUNT + ":someotherapi/*"));
        assertThat(get(url).statusCode()).isEqualTo(500);

        lambda.addPermission(r -> r.functionName("perm-gw").statementId("this-api")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:us-east-1:" + ServerFixture.ACCOUNT + ":" + apiId + "/*"));
        HttpResponse<String> allowed = get(url);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("hello from perm-");

        lambda.removePermission(r -> r.functionName("perm-gw").statementId("this-api"));
        assertThat(get(url).statusCode()).isEqualTo(500);
    }

    @Test
    void aPublicFunctionUrlNeedsAnInvokeFunctionUrlGrantForAuthTypeNone() throws Exception {
        deploy("perm-url");
        String functionUrl = lambda.createFunctionUrlConfig(r -> r.functionName("perm-url")
                .authType(FunctionUrlAuthType.NONE)).functionUrl();
        String id = functionUrl.substring("http://".length(), functionUrl.indexOf('.'));
        String url = server.endpoint() + "/lambda-url/" + id + "/";

        assertThat(get(url).statusCode()).isEqualTo(403);
        lambda.addPermission(r -> r.functionName("perm-url").statementId("wrong-action")
                .action("lambda:InvokeFunction").principal("*"));
        assertThat(get(url).statusCode()).isEqualTo(403);
        lambda.addPermission(r -> r.functionName("perm-url").statementId("public")
                .action("lambda:InvokeFunctionUrl").principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        HttpResponse<String> allowed = get(url);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("hello from perm-");
    }
}
