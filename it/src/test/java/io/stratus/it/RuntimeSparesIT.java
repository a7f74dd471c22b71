package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.testkit.Zips;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Pre-started runtimes: once a function has started a sandbox, the server keeps one runtime of that kind started
 * and waiting, and the next new sandbox of any function of that kind adopts it. A kind is the runtime, and for
 * Java the memory size as well (a JVM's heap is fixed at start). The adopted runtime must be indistinguishable from
 * a freshly started one: the function's own code, environment, memory limit and identity, and nothing of the
 * spare's.
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
        // The spare started at 128 MB (nice 0); every thread now has the CPU weight of 256 MB.
        assertThat(threadNices(second)).containsExactly(-3);
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
    void aJavaFunctionsFirstSandboxAdoptsASpareOfItsMemorySizeThatLooksFreshlyStarted() {
        int adoptedBefore = startJavaAndAwaitSpare("spares-java-first");

        createJavaProbe("spares-java-second", 256, Map.of("GREETING", "hi"));
        var response = invoke("spares-java-second", "{}");
        JsonNode probe = json(response);

        assertThat(adopted("java21/256")).isEqualTo(adoptedBefore + 1);
        assertFunctionsOwnProcess(probe, "spares-java-second", 256);
        assertThat(probe.path("env").path("GREETING").asText()).isEqualTo("hi");
        assertThat(probe.path("getenv").path("GREETING").asText()).isEqualTo("hi");
        assertThat(probe.path("getenv").path("_HANDLER").asText()).isEqualTo("example.Probe");
        // Children inherit it too, whether or not the function asked ProcessBuilder for a copy.
        for (String child : new String[] {"childEnv", "builderChildEnv"}) {
            assertThat(probe.path(child).path("GREETING").asText()).as(child).isEqualTo("hi");
            assertThat(probe.path(child).path("AWS_LAMBDA_FUNCTION_NAME").asText()).as(child)
                    .isEqualTo("spares-java-second");
            assertThat(probe.path(child).has("STRATUS_SPARE")).as(child).isFalse();
        }
        assertThat(probe.path("builderChildEnv").path("PROBE_ADDED").asText()).isEqualTo("1");
        // Exactly the function's environment: what the process sees is what its children inherit.
        // ("_" is the last command's path, which exec adds for the child.)
        JsonNode childEnv = probe.path("childEnv").<ObjectNode>deepCopy().without("_");
        assertThat(childEnv).isEqualTo(probe.path("env"));
        assertThat(tail(response)).contains("Init Duration: ");
        awaitReadySpare("java21/256");
    }

    @Test
    void aJavaFunctionOfAnotherMemorySizeNeverAdoptsASpareSizedForAnother() {
        int adopted256 = startJavaAndAwaitSpare("spares-java-warmup");

        createJavaProbe("spares-java-512-first", 512, Map.of());
        JsonNode own = json(invoke("spares-java-512-first", "{}"));

        assertThat(adopted("java21/256")).isEqualTo(adopted256);
        assertFunctionsOwnProcess(own, "spares-java-512-first", 512);
        // The first function of a size leaves a spare of that size behind, which the next one adopts.
        awaitReadySpare("java21/512");
        int adopted512 = adopted("java21/512");
        createJavaProbe("spares-java-512-second", 512, Map.of());
        JsonNode adopted = json(invoke("spares-java-512-second", "{}"));
        assertThat(adopted("java21/512")).isEqualTo(adopted512 + 1);
        assertThat(adopted("java21/256")).isEqualTo(adopted256);
        assertFunctionsOwnProcess(adopted, "spares-java-512-second", 512);
    }

    @Test
    void aJavaFunctionSettingJavaToolOptionsStartsItsOwnJvm() {
        int adoptedBefore = startJavaAndAwaitSpare("spares-java-tool-warmup");

        createJavaProbe("spares-java-tool-options", 256, Map.of("JAVA_TOOL_OPTIONS", "-Dprobe.flag=yes"));
        JsonNode probe = json(invoke("spares-java-tool-options", "{}"));

        assertThat(probe.path("probeProperty").asText()).isEqualTo("yes");
        assertThat(adopted("java21/256")).isEqualTo(adoptedBefore);
    }

    /** Starts a 256 MB Java function's sandbox, waits for the spare it leaves, and answers the adoptions so far. */
    private static int startJavaAndAwaitSpare(String name) {
        deploy(name, "java21", "example.Hello", JavaRuntimeIT.built("java-hello"), 10, 256);
        invoke(name, "{}");
        awaitReadySpare("java21/256");
        return adopted("java21/256");
    }

    /** A probe function whose package also holds a marker file naming it, so that its own code can be told apart. */
    private static void createJavaProbe(String name, int memoryMb, Map<String, String> environment) {
        byte[] zip = withFile(JavaRuntimeIT.built("java-hello"), "marker.txt", name);
        lambda.createFunction(r -> r.functionName(name).runtime("java21").handler("example.Probe").role(ROLE)
                .timeout(20).memorySize(memoryMb).environment(e -> e.variables(environment))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    private static byte[] withFile(byte[] zip, String name, String content) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.put(name, content.getBytes(StandardCharsets.UTF_8));
        return Zips.ofBytes(files);
    }

    /** The function's identity, code and memory size, with the JVM's heap sized for that memory (85%). */
    private static void assertFunctionsOwnProcess(JsonNode probe, String name, int memoryMb) {
        assertThat(probe.path("functionName").asText()).isEqualTo(name);
        assertThat(probe.path("memoryLimitInMB").asInt()).isEqualTo(memoryMb);
        assertThat(probe.path("marker").asText()).isEqualTo(name);
        assertThat(probe.path("env").path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo(name);
        assertThat(probe.path("getenv").path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText())
                .isEqualTo(Integer.toString(memoryMb));
        assertThat(probe.path("env").has("STRATUS_SPARE")).isFalse();
        assertThat(probe.path("getenv").path("STRATUS_SPARE").asText()).isEqualTo("null");
        assertThat(probe.path("logStreamName").asText())
                .isEqualTo(probe.path("env").path("AWS_LAMBDA_LOG_STREAM_NAME").asText()).isNotEmpty();
        int heapMb = memoryMb * 85 / 100;
        assertThat(probe.path("jvmArguments").toString()).contains("\"-XX:MaxHeapSize=" + heapMb + "m\"");
        // Runtime.maxMemory leaves out one survivor space, so it is a little below the flag.
        assertThat(probe.path("maxHeapMb").asInt()).isBetween(heapMb * 8 / 10, heapMb);
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
