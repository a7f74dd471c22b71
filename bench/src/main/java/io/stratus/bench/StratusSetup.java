package io.stratus.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Control-plane setup through the AWS SDK, as a user would do it: functions, HTTP APIs, their permissions.
 * Never on a measured path.
 */
final class StratusSetup implements AutoCloseable {

    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";

    private final LambdaClient lambda;
    private final ApiGatewayV2Client apis;

    StratusSetup(StratusServer server) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
        URI endpoint = URI.create(server.url());
        lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        apis = ApiGatewayV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates a function with 128 MB and waits until it is Active. */
    String createFunction(String name, String runtime, String handler, byte[] zip, int timeoutSeconds) {
        CreateFunctionResponse created = lambda.createFunction(r -> r.functionName(name).runtime(runtime)
                .handler(handler).role(ROLE).memorySize(128).timeout(timeoutSeconds)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (State state = created.state(); state != State.ACTIVE;
                state = lambda.getFunction(r -> r.functionName(name)).configuration().state()) {
            if (state == State.FAILED || System.nanoTime() > deadline) {
                throw new IllegalStateException("function " + name + " did not become Active: " + state);
            }
            sleep(20);
        }
        return created.functionArn();
    }

    void deleteFunction(String name) {
        lambda.deleteFunction(r -> r.functionName(name));
    }

    /** Quick-creates an HTTP API for the function and lets API Gateway invoke it; answers the API id. */
    String createHttpApi(String name, String functionArn) {
        CreateApiResponse api = apis.createApi(r -> r.name(name).protocolType(ProtocolType.HTTP).target(functionArn));
        lambda.addPermission(r -> r.functionName(functionArn).statementId("bench-" + api.apiId())
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com"));
        return api.apiId();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        lambda.close();
        apis.close();
    }
}
