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
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Base of integration tests that share one real server per test class, reached through the AWS SDK for Java v2
 * with static dummy credentials, as a user would point it at Stratus.
 */
abstract class ServerFixture {

    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    static final int KEEP_ALIVE_SECONDS = 3;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    static Path dataDir;
    static StratusProcess server;
    static LambdaClient lambda;

    @BeforeAll
    static void startServer() throws Exception {
        dataDir = Files.createTempDirectory("stratus-it-").resolve("data");
        // A short keep-alive lets tests watch idle sandboxes go away.
        server = StratusProcess.start(dataDir, "--keep-alive", KEEP_ALIVE_SECONDS + "s");
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
        return pointedAt(LambdaClient.builder(), endpoint);
    }

    /** An SQS client for a server, with a read timeout longer than the longest long poll (20 s). */
    static SqsClient sqsClient(URI endpoint) {
        return pointedAt(SqsClient.builder(), endpoint);
    }

    /** A client of the server at {@code endpoint} with dummy credentials and a 60 s read timeout. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C pointedAt(B builder,
                                                                                                URI endpoint) {
        return builder.endpointOverride(endpoint)
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

    /** The package of a test function under {@code src/test/resources/functions/<language>/<name>}. */
    static byte[] functionZip(String language, String name) {
        Path dir = Path.of("src", "test", "resources", "functions", language, name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no test function " + dir.toAbsolutePath());
        }
        return Zips.ofDirectory(dir);
    }

    /** Creates (or replaces) a function from a package and waits until it is Active. */
    static void deploy(String name, String runtime, String handler, byte[] zip, int timeoutSeconds, int memoryMb) {
        try {
            lambda.deleteFunction(r -> r.functionName(name));
        } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
            // First deployment.
        }
        lambda.createFunction(r -> r.functionName(name).runtime(runtime).handler(handler).role(ROLE)
                .timeout(timeoutSeconds).memorySize(memoryMb).code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    /** Invokes synchronously with a JSON payload, asking for the log tail. */
    static software.amazon.awssdk.services.lambda.model.InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(r -> r.functionName(name).logType(software.amazon.awssdk.services.lambda.model.LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(payload)));
    }

    /** The decoded {@code X-Amz-Log-Result}. */
    static String tail(software.amazon.awssdk.services.lambda.model.InvokeResponse response) {
        return new String(java.util.Base64.getDecoder().decode(response.logResult()),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The distinct nice values of all threads of the sandbox process that serves a probe function (the functions
     * named {@code probe}, which read files on request).
     */
    static java.util.Set<Integer> threadNices(String probeFunction) {
        java.util.Set<Integer> nices = new java.util.HashSet<>();
        var tasks = json(invoke(probeFunction, "{\"op\":\"list\",\"path\":\"/proc/self/task\"}"));
        org.assertj.core.api.Assertions.assertThat(tasks.path("entries").size()).as("threads").isPositive();
        for (var tid : tasks.path("entries")) {
            var stat = json(invoke(probeFunction,
                    "{\"op\":\"read\",\"path\":\"/proc/self/task/" + tid.asText() + "/stat\"}"));
            if (stat.path("ok").asBoolean()) {
                // Fields after the command name, which is in parentheses: state is the first, nice the 17th.
                String content = stat.path("content").asText();
                nices.add(Integer.parseInt(content.substring(content.lastIndexOf(')') + 2).split(" ")[16]));
            }
        }
        return nices;
    }

    /** The response payload parsed as JSON. */
    static com.fasterxml.jackson.databind.JsonNode json(
            software.amazon.awssdk.services.lambda.model.InvokeResponse response) {
        try {
            return JSON.readTree(response.payload().asByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Live sandboxes of a function, from the server's status endpoint. */
    static int sandboxes(String name) {
        return sandboxStatus().path("Functions").path(name).path("Sandboxes").asInt(0);
    }

    /** The server's sandbox status: {@code Functions} (sandboxes per function) and {@code Spares} per runtime. */
    static com.fasterxml.jackson.databind.JsonNode sandboxStatus() {
        return getJson(server.endpoint().resolve("/_stratus/sandboxes"));
    }

    /** A GET answered with JSON, such as a status endpoint's. */
    static com.fasterxml.jackson.databind.JsonNode getJson(URI uri) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
