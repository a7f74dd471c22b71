package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.testkit.StratusProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRuntimeException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The fallback for hosts where the server may not create namespaces (not root): sandboxes are plain processes
 * that find their paths in environment variables, and memory is enforced by a watchdog.
 */
class ProcessIsolationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    @Test
    void functionsRunAndLimitsHoldWithoutNamespaces() throws Exception {
        StratusProcess server = StratusProcess.start(scratch.resolve("data"), "--isolation", "process",
                "--strict-runtimes");
        try (LambdaClient lambda = ServerFixture.client(server.endpoint())) {
            assertThat(server.logText()).contains("sandbox isolation: plain processes");
            create(lambda, "plain-probe", "probe", 3, 128);
            JsonNode env = JSON.readTree(invoke(lambda, "plain-probe", "{\"op\":\"env\"}").payload().asByteArray());
            String taskRoot = env.path("env").path("LAMBDA_TASK_ROOT").asText();
            assertThat(taskRoot).startsWith(scratch.toString()).isEqualTo(env.path("cwd").asText());
            assertThat(env.path("env").path("TMPDIR").asText()).startsWith(scratch.toString());
            assertThat(env.path("env").path("STRATUS_OPT_DIR").asText()).startsWith(scratch.toString());

            create(lambda, "plain-timeout", "timeout", 1, 128);
            InvokeResponse timedOut = invoke(lambda, "plain-timeout", "{\"ms\":3000}");
            assertThat(JSON.readTree(timedOut.payload().asByteArray()).path("errorType").asText())
                    .isEqualTo("Sandbox.Timedout");

            create(lambda, "plain-oom", "oom", 10, 128);
            InvokeResponse oom = invoke(lambda, "plain-oom", "{\"mb\":512}");
            assertThat(JSON.readTree(oom.payload().asByteArray()).path("errorType").asText())
                    .isEqualTo("Runtime.OutOfMemory");
            assertThat(invoke(lambda, "plain-oom", "{\"mb\":1}").functionError()).isNull();

            // Strict runtimes: no stand-in version for a runtime whose exact version is missing.
            lambda.createFunction(r -> r.functionName("plain-strict").runtime("nodejs18.x").handler("index.handler")
                    .role(ServerFixture.ROLE)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(ServerFixture.functionZip("node", "hello")))));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> lambda
                    .getFunction(r -> r.functionName("plain-strict")).configuration().stateAsString().equals("Failed"));
            assertThatThrownBy(() -> invoke(lambda, "plain-strict", "{}"))
                    .isInstanceOfSatisfying(InvalidRuntimeException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(502))
                    .hasMessageContaining("needs Node.js 18");
        } finally {
            assertThat(server.stop()).isTrue();
        }
    }

    private static void create(LambdaClient lambda, String name, String function, int timeout, int memory) {
        lambda.createFunction(r -> r.functionName(name).runtime("nodejs20.x").handler("index.handler")
                .role(ServerFixture.ROLE).timeout(timeout).memorySize(memory)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(ServerFixture.functionZip("node", function)))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    private static InvokeResponse invoke(LambdaClient lambda, String name, String payload) {
        return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }
}
