package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The Java runtime client, with a function packaged by Maven in this build ({@code test-functions/java-hello}),
 * and AWS's own Java runtime interface client running unchanged in a {@code provided.al2023} function.
 */
class JavaRuntimeIT extends RuntimeBehaviourIT {

    private static final Map<String, String> HANDLERS = Map.of(
            "hello", "example.Hello",
            "counter", "example.Counter::handleRequest",
            "thrower", "example.Thrower",
            "init-error", "example.InitFails",
            "timeout", "example.Sleeper",
            "oom", "example.Oom",
            "exit", "example.Exit",
            "logger", "example.Logger");

    static byte[] built(String module) {
        Path zip = Path.of("..", "test-functions", module, "target", module + ".zip");
        try {
            return Files.readAllBytes(zip);
        } catch (IOException e) {
            throw new UncheckedIOException("the Maven build makes " + zip.toAbsolutePath() + " before this test", e);
        }
    }

    @Override
    String runtime() {
        return "java21";
    }

    @Override
    byte[] zip(String function) {
        return built("java-hello");
    }

    @Override
    String handler(String function) {
        return HANDLERS.get(function);
    }

    @Override
    String[] thrownError() {
        return new String[] {"java.lang.IllegalStateException", "boom"};
    }

    @Override
    String initErrorType() {
        return "java.lang.ExceptionInInitializerError";
    }

    @Override
    String[] missingHandler() {
        return new String[] {"example.Missing", "java.lang.ClassNotFoundException"};
    }

    /** The JVM's heap limit (85% of the memory size) is reached before the cgroup's, as on Lambda. */
    @Override
    void assertOutOfMemory(JsonNode error, String tail) {
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.OutOfMemoryError");
    }

    @Test
    void theSamePackageRunsOnJava17AndPojosStreamsAndContextWork() {
        deploy("java17-hello", "java17", "example.Hello", built("java-hello"), 10, 256);
        assertThat(json(invoke("java17-hello", "{\"name\":\"Ada\"}")).path("body").asText()).isEqualTo("Hello, Ada!");
        deploy("java-pojo", "java21", "example.Pojo", built("java-hello"), 10, 256);
        JsonNode greeting = json(invoke("java-pojo", "{\"name\":\"Ann\",\"age\":30}"));
        assertThat(greeting.path("message").asText()).isEqualTo("Hello, Ann (30)");
        deploy("java-stream", "java21", "example.Stream", built("java-hello"), 10, 256);
        assertThat(invoke("java-stream", "\"abc\"").payload().asUtf8String()).isEqualTo("\"ABC\"");
        deploy("java-context", "java21", "example.Context", built("java-hello"), 10, 256);
        JsonNode context = json(invoke("java-context", "{}"));
        assertThat(context.path("functionName").asText()).isEqualTo("java-context");
        assertThat(context.path("memoryLimitInMB").asInt()).isEqualTo(256);
        assertThat(context.path("invokedFunctionArn").asText()).isEqualTo(arn("java-context"));
    }

    @Test
    void awsJavaRuntimeInterfaceClientRunsUnchangedInACustomRuntime() {
        deploy("java-ric", "provided.al2023", "example.RicHello::handleRequest", built("java-ric"), 20, 512);
        InvokeResponse response = invoke("java-ric", "{\"name\":\"Ada\"}");
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        assertThat(json(response).path("body").asText()).isEqualTo("Hello, Ada!");
        InvokeResponse warm = invoke("java-ric", "{}");
        assertThat(json(warm).path("body").asText()).isEqualTo("Hello, World!");
        assertThat(tail(warm)).contains("REPORT RequestId: ");
    }
}
