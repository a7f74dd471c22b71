package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Pre-started runtimes: once a Node.js or Python function has started a sandbox, the server keeps one runtime of
 * that kind started and waiting, and the next new sandbox of any function on that runtime adopts it. The adopted
 * runtime must be indistinguishable from a freshly started one: the function's own code, environment, memory limit
 * and identity, and nothing of the spare's.
 */
class RuntimeSparesIT extends ServerFixture {

    @Test
    void aNodeFunctionsFirstSandboxAdoptsAPreStartedRuntimeThatLooksFreshlyStarted() {
        assertAdoptionServesTheFunction("nodejs20.x", "node", "index.handler", "index.js");
    }

    @Test
    void aPythonFunctionsFirstSandboxAdoptsAPreStartedRuntimeThatLooksFreshlyStarted() {
        assertAdoptionServesTheFunction("python3.12", "python", "lambda_function.lambda_handler",
                "lambda_function.py");
    }

    private void assertAdoptionServesTheFunction(String runtime, String language, String handler, String file) {
        String first = "spares-first-" + language;
        String second = "spares-second-" + language;
        deploy(first, runtime, handler, functionZip(language, "hello"), 10, 128);
        invoke(first, "{}");
        awaitReadySpare(runtime);
        int adoptedBefore = adopted(runtime);

        lambda.createFunction(r -> r.functionName(second).runtime(runtime).handler(handler).role(ROLE).timeout(10)
                .memorySize(256).environment(e -> e.variables(Map.of("GREETING", "hi")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(functionZip(language, "probe")))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(second));
        var response = invoke(second, "{\"op\":\"env\"}");
        JsonNode probe = json(response);

        assertThat(adopted(runtime)).isEqualTo(adoptedBefore + 1);
        JsonNode env = probe.path("env");
        assertThat(env.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo(second);
        assertThat(env.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(env.path("GREETING").asText()).isEqualTo("hi");
        assertThat(env.path("_HANDLER").asText()).isEqualTo(handler);
        assertThat(env.has("STRATUS_SPARE")).isFalse();
        assertThat(env.path("AWS_LAMBDA_RUNTIME_API").asText()).startsWith("127.0.0.1:");
        // The context the handler sees names the function too (runtimes read it from the environment).
        boolean node = language.equals("node");
        assertThat(probe.path(node ? "functionName" : "function_name").asText()).isEqualTo(second);
        assertThat(probe.path(node ? "memoryLimitInMB" : "memory_limit_in_mb").asText()).isEqualTo("256");
        assertThat(probe.path(node ? "logStreamName" : "log_stream_name").asText())
                .isEqualTo(env.path("AWS_LAMBDA_LOG_STREAM_NAME").asText()).isNotEmpty();
        // Its own code only: the probe's file, not the first function's (both are named the same in each zip).
        JsonNode listing = json(invoke(second, "{\"op\":\"list\",\"path\":\"/var/task\"}"));
        assertThat(listing.path("entries").toString()).contains(file);
        JsonNode code = json(invoke(second, "{\"op\":\"read\",\"path\":\"/var/task/" + file + "\"}"));
        assertThat(code.path("content").asText()).contains("Looks at the environment").doesNotContain("Hello");
        // Read-only code, writable /tmp, as in any sandbox.
        assertThat(json(invoke(second, "{\"op\":\"write\",\"path\":\"/var/task/x\",\"content\":\"x\"}"))
                .path("ok").asBoolean()).isFalse();
        assertThat(json(invoke(second, "{\"op\":\"write\",\"path\":\"/tmp/x\",\"content\":\"x\"}"))
                .path("ok").asBoolean()).isTrue();
        // The first invocation reports its init, counted from the adoption.
        assertThat(tail(response)).contains("Init Duration: ");
        // The adopted spare is replaced.
        awaitReadySpare(runtime);
    }

    @Test
    void aFunctionSettingAStartUpOnlyVariableStartsItsOwnRuntime() {
        deploy("spares-warmup", "nodejs20.x", "index.handler", functionZip("node", "hello"), 10, 128);
        invoke("spares-warmup", "{}");
        awaitReadySpare("nodejs20.x");
        int adoptedBefore = adopted("nodejs20.x");

        lambda.createFunction(r -> r.functionName("spares-node-options").runtime("nodejs20.x")
                .handler("index.handler").role(ROLE).timeout(10).memorySize(128)
                .environment(e -> e.variables(Map.of("NODE_OPTIONS", "--max-http-header-size=20000")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(functionZip("node", "probe")))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("spares-node-options"));
        JsonNode probe = json(invoke("spares-node-options", "{\"op\":\"env\"}"));

        assertThat(probe.path("env").path("NODE_OPTIONS").asText()).isEqualTo("--max-http-header-size=20000");
        assertThat(adopted("nodejs20.x")).isEqualTo(adoptedBefore);
    }

    @Test
    void aServerWithoutSparesStartsEveryRuntimeItselfAndAnOutOfRangeCountIsRefused() throws Exception {
        java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("stratus-spares-");
        try (io.stratus.testkit.StratusProcess off = io.stratus.testkit.StratusProcess.start(scratch.resolve("data"),
                "--runtime-spares", "0");
             software.amazon.awssdk.services.lambda.LambdaClient client = client(off.endpoint())) {
            for (String name : new String[] {"no-spares-1", "no-spares-2"}) {
                client.createFunction(r -> r.functionName(name).runtime("nodejs20.x").handler("index.handler")
                        .role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(functionZip("node", "hello")))));
                client.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
                assertThat(client.invoke(r -> r.functionName(name)).statusCode()).isEqualTo(200);
            }
            Thread.sleep(500);
            assertThat(getJson(off.endpoint().resolve("/_stratus/sandboxes")).path("Spares").size()).isZero();
        }
        io.stratus.testkit.StratusProcess.Outcome refused = io.stratus.testkit.StratusProcess.run(scratch.resolve("p"),
                java.util.List.of("server", "--port", "0", "--data-dir", scratch.resolve("other").toString(),
                        "--runtime-spares", "17"), Duration.ofSeconds(60));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("runtime spares must be between 0 and 16").doesNotContain("Exception");
    }

    private static void awaitReadySpare(String runtime) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> sandboxStatus().path("Spares").path(runtime).path("Ready").asInt() >= 1);
    }

    private static int adopted(String runtime) {
        return sandboxStatus().path("Spares").path(runtime).path("Adopted").asInt();
    }
}
