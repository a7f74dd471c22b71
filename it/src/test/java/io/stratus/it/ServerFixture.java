package io.stratus.it;

import io.stratus.testkit.StratusProcess;
import io.stratus.testkit.Zips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Base of integration tests that share one real server per test class, reached through the AWS SDK for Java v2
 * with static dummy credentials, as a user would point it at Stratus.
 */
abstract class ServerFixture {

    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";

    static Path dataDir;
    static StratusProcess server;
    static LambdaClient lambda;

    @BeforeAll
    static void startServer() throws Exception {
        dataDir = Files.createTempDirectory("stratus-it-").resolve("data");
        server = StratusProcess.start(dataDir);
        lambda = client(server.endpoint());
    }

    @AfterAll
    static void stopServer() {
        if (lambda != null) {
            lambda.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    static LambdaClient client(URI endpoint) {
        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** Downloads a {@code Code.Location} URL; fails unless it answers 200. */
    static byte[] download(String location) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("code download answered " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Regular files in the server's code store, temporaries included: a refused package must add none. */
    static long codeFiles() {
        try (Stream<Path> files = Files.walk(dataDir.resolve("code"))) {
            return files.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String arn(String name) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    /** A create request for a Node.js hello-world function, ready to adjust. */
    static CreateFunctionRequest.Builder nodeFunction(String name) {
        return CreateFunctionRequest.builder()
                .functionName(name)
                .runtime(Runtime.NODEJS22_X)
                .handler("index.handler")
                .role(ROLE)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.nodeHello("hello from " + name))));
    }

    /** Creates a function and waits until it is Active, as SDK users do with the waiter. */
    static CreateFunctionResponse createActive(String name) {
        CreateFunctionResponse created = lambda.createFunction(nodeFunction(name).build());
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
        return created;
    }
}
