package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The engine around the runtimes: scale-out and scale-down, isolation between sandboxes, the sandbox
 * environment, Invoke's request handling and limits, custom runtimes, code updates and the logs endpoint.
 */
class ExecutionEngineIT extends ServerFixture {

    private static final String PROBE = "engine-probe";

    private JsonNode probe(String function, String event) {
        InvokeResponse response = invoke(function, event);
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        return json(response);
    }

    @Test
    void twentyOverlappingInvocationsRunInTwentySandboxesThatGoAwayAfterTheKeepAlive() throws Exception {
        deploy("engine-sleeper", "nodejs20.x", "index.handler", functionZip("node", "sleeper"), 10, 128);
        long started = System.nanoTime();
        List<Future<InvokeResponse>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                // Held longer than twenty cold starts take: a sandbox that frees up first would take over the
                // event of one still starting (see aBurstRunsInTheSandboxThatFreesUpFirst…).
                calls.add(pool.submit(() -> invoke("engine-sleeper", "{\"ms\":2500}")));
            }
            Set<String> streams = new HashSet<>();
            for (Future<InvokeResponse> call : calls) {
                InvokeResponse response = call.get();
                assertThat(response.functionError()).isNull();
                streams.add(json(response).path("logStream").asText());
            }
            assertThat(streams).hasSize(20);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
        assertThat(sandboxes("engine-sleeper")).isEqualTo(20);
        await().atMost(Duration.ofSeconds(KEEP_ALIVE_SECONDS + 10))
                .until(() -> sandboxes("engine-sleeper") == 0);
    }

    @Test
    void aBurstRunsInTheSandboxThatFreesUpFirstWhileNewOnesStartForLater() throws Exception {
        deploy("engine-slow-init", "python3.12", "lambda_function.lambda_handler", functionZip("python", "slow-init"),
                30, 128);
        String warm = json(invoke("engine-slow-init", "{}")).path("logStream").asText();

        // Five at once, 100 ms each: one takes the warm sandbox, the others start sandboxes with a 1.5 s init. The
        // warm one is free again after 100 ms and takes their events over, one after another.
        long started = System.nanoTime();
        List<String> burst = invokeAtOnce("engine-slow-init", 5, "{\"ms\":100}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1200));
        assertThat(burst).containsOnly(warm);

        // The sandboxes started for them (at most one per invocation of the burst) finish their init and join the
        // function's; as many overlapping invocations then run one in each, without a cold start.
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofSeconds(2))
                .until(() -> idleSandboxes("engine-slow-init") == sandboxes("engine-slow-init"));
        int ready = sandboxes("engine-slow-init");
        assertThat(ready).isBetween(2, 5);
        started = System.nanoTime();
        List<String> overlapping = invokeAtOnce("engine-slow-init", ready, "{\"ms\":800}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        assertThat(new HashSet<>(overlapping)).hasSize(ready);
        assertThat(sandboxes("engine-slow-init")).isEqualTo(ready);
    }

    /** Invokes {@code count} times at once; answers the log streams that served them. */
    private List<String> invokeAtOnce(String function, int count, String event) throws Exception {
        List<String> streams = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<InvokeResponse>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(pool.submit(() -> invoke(function, event)));
            }
            for (Future<InvokeResponse> call : calls) {
                InvokeResponse response = call.get();
                assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
                streams.add(json(response).path("logStream").asText());
            }
        }
        return streams;
    }

    private static int idleSandboxes(String name) {
        return sandboxStatus().path("Functions").path(name).path("Idle").asInt(0);
    }

    @Test
    void aSandboxSeesLambdasLayoutAndRunsAsAnUnprivilegedUser() {
        lambda.createFunction(r -> r.functionName(PROBE + "-env").runtime("nodejs22.x").handler("index.handler")
                .role(ROLE).memorySize(256).environment(e -> e.variables(Map.of("GREETING", "hi")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(functionZip("node", "probe")))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(PROBE + "-env"));
        JsonNode env = probe(PROBE + "-env", "{\"op\":\"env\"}");
        JsonNode vars = env.path("env");
        assertThat(vars.path("GREETING").asText()).isEqualTo("hi");
        assertThat(vars.path("_HANDLER").asText()).isEqualTo("index.handler");
        assertThat(vars.path("LAMBDA_TASK_ROOT").asText()).isEqualTo("/var/task");
        assertThat(vars.path("LAMBDA_RUNTIME_DIR").asText()).isEqualTo("/var/runtime");
        assertThat(vars.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo(PROBE + "-env");
        assertThat(vars.path("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
        assertThat(vars.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(vars.path("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/aws/lambda/" + PROBE + "-env");
        assertThat(vars.path("AWS_LAMBDA_LOG_STREAM_NAME").asText())
                .matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]{32}");
        assertThat(vars.path("AWS_REGION").asText()).isEqualTo(REGION);
        assertThat(vars.path("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_nodejs22.x");
        assertThat(vars.path("AWS_LAMBDA_INITIALIZATION_TYPE").asText()).isEqualTo("on-demand");
        assertThat(vars.path("TZ").asText()).isEqualTo(":UTC");
        assertThat(vars.path("_X_AMZN_TRACE_ID").asText())
                .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(vars.path("AWS_LAMBDA_RUNTIME_API").asText()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(env.path("uid").asInt()).isNotZero();
        assertThat(env.path("cwd").asText()).isEqualTo("/var/task");
        assertThat(env.path("invokedFunctionArn").asText()).isEqualTo(arn(PROBE + "-env"));
        assertThat(env.path("remaining").asLong()).isBetween(1L, 3000L);
        JsonNode write = probe(PROBE + "-env", "{\"op\":\"write\",\"path\":\"/var/task/x\",\"content\":\"x\"}");
        assertThat(write.path("ok").asBoolean()).as("code is read-only").isFalse();
    }

    @Test
    void everyThreadOfASandboxGetsTheCpuWeightOfItsMemorySize() {
        // Node.js sandboxes (many threads each; a first sandbox may adopt a runtime started for 128 MB).
        for (int memory : new int[] {128, 1024}) {
            String name = PROBE + "-cpu-" + memory;
            deploy(name, "nodejs20.x", "index.handler", functionZip("node", "probe"), 10, memory);
            Set<Integer> nices = threadNices(name);
            assertThat(nices).as("nice values of the threads of a %d MB sandbox", memory)
                    .containsExactly(memory == 128 ? 0 : -9);
        }
        // A custom runtime always starts its own process; above 1769 MB (one vCPU) the weight stays that of 1769.
        String bootstrap = String.join("\n",
                "#!/bin/sh",
                "set -eu",
                "while true; do",
                "  headers=$(mktemp)",
                "  curl -sS -D \"$headers\" -o /dev/null \"http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next\"",
                "  id=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' \"$headers\" | tr -d '\\r' | cut -d' ' -f2)",
                "  curl -sS -o /dev/null -X POST \"http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/$id/response\""
                        + " -d \"{\\\"nice\\\":$(nice)}\"",
                "done", "");
        byte[] zip = io.stratus.testkit.Zips.ofDirectory(writeTree(Map.of("bootstrap", bootstrap)));
        Map<Integer, Integer> expected = Map.of(128, 0, 512, -6, 3008, -12);
        for (Map.Entry<Integer, Integer> e : expected.entrySet()) {
            String name = "engine-cpu-custom-" + e.getKey();
            deploy(name, "provided.al2023", "x", zip, 10, e.getKey());
            InvokeResponse response = invoke(name, "{}");
            assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
            assertThat(json(response).path("nice").asInt()).as("nice of a %d MB custom runtime", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void oneFunctionCannotReadAnothersCodeOrTmpOrTheServersData() {
        deploy(PROBE + "-a", "nodejs20.x", "index.handler", functionZip("node", "probe"), 10, 128);
        deploy(PROBE + "-b", "nodejs20.x", "index.handler", functionZip("node", "sleeper"), 10, 128);
        // Sandbox B writes to its /tmp; A must not see it, nor B's code, nor the data directory.
        deploy(PROBE + "-c", "nodejs20.x", "index.handler", functionZip("node", "probe"), 10, 128);
        assertThat(probe(PROBE + "-c", "{\"op\":\"write\",\"path\":\"/tmp/secret\",\"content\":\"c\"}")
                .path("ok").asBoolean()).isTrue();
        assertThat(probe(PROBE + "-c", "{\"op\":\"read\",\"path\":\"/tmp/secret\"}").path("content").asText())
                .isEqualTo("c");
        JsonNode otherTmp = probe(PROBE + "-a", "{\"op\":\"read\",\"path\":\"/tmp/secret\"}");
        assertThat(otherTmp.path("ok").asBoolean()).isFalse();
        JsonNode task = probe(PROBE + "-a", "{\"op\":\"list\",\"path\":\"/var/task\"}");
        assertThat(task.path("entries").toString()).contains("index.js").doesNotContain("sleeper");
        JsonNode data = probe(PROBE + "-a", "{\"op\":\"list\",\"path\":\"" + dataDir + "\"}");
        assertThat(data.path("ok").asBoolean()).isFalse();
        JsonNode codeStore = probe(PROBE + "-a", "{\"op\":\"list\",\"path\":\"" + dataDir.resolve("tasks") + "\"}");
        assertThat(codeStore.path("ok").asBoolean()).isFalse();
        JsonNode processes = probe(PROBE + "-a", "{\"op\":\"list\",\"path\":\"/proc\"}");
        long pids = 0;
        for (JsonNode entry : processes.path("entries")) {
            if (entry.asText().matches("\\d+")) {
                pids++;
            }
        }
        assertThat(pids).as("only its own processes are visible").isLessThanOrEqualTo(2);
    }

    @Test
    void aSandboxCannotTakeTheEventsOfAnotherSandboxThroughItsRuntimeApiPort() {
        deploy(PROBE + "-victim", "nodejs20.x", "index.handler", functionZip("node", "probe"), 10, 128);
        deploy(PROBE + "-thief", "nodejs20.x", "index.handler", functionZip("node", "probe"), 10, 128);
        String victimAddress = probe(PROBE + "-victim", "{\"op\":\"env\"}").path("env")
                .path("AWS_LAMBDA_RUNTIME_API").asText();
        // The victim's runtime now waits for its next event on that port, as its own user.
        JsonNode stolen = probe(PROBE + "-thief", "{\"op\":\"next\",\"address\":\"" + victimAddress + "\"}");
        assertThat(stolen.path("ok").asBoolean()).as("another sandbox's connection is closed unanswered: %s", stolen)
                .isFalse();
        assertThat(stolen.path("code").asText()).isIn("ECONNRESET", "EPIPE", "ECONNREFUSED");
        assertThat(probe(PROBE + "-victim", "{\"op\":\"env\"}").path("env").path("AWS_LAMBDA_RUNTIME_API")
                .asText()).as("the victim's sandbox still serves").isEqualTo(victimAddress);
    }

    @Test
    void theClientContextReachesTheFunction() {
        deploy(PROBE + "-ctx", "nodejs20.x", "index.handler", functionZip("node", "probe"), 10, 128);
        String context = "{\"custom\":{\"tenant\":\"blue\"},\"env\":{\"locale\":\"en\"}}";
        InvokeResponse response = lambda.invoke(r -> r.functionName(PROBE + "-ctx")
                .clientContext(Base64.getEncoder().encodeToString(context.getBytes(StandardCharsets.UTF_8)))
                .payload(SdkBytes.fromUtf8String("{\"op\":\"clientContext\"}")));
        assertThat(json(response).path("custom").path("tenant").asText()).isEqualTo("blue");
    }

    @Test
    void invokeChecksItsRequestAsLambdaDoes() {
        deploy("engine-hello", "nodejs20.x", "index.handler", functionZip("node", "hello"), 10, 128);
        InvokeResponse dryRun = lambda.invoke(r -> r.functionName("engine-hello")
                .invocationType(InvocationType.DRY_RUN));
        assertThat(dryRun.statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("engine-hello")
                .payload(SdkBytes.fromUtf8String("{not json"))))
                .isInstanceOf(InvalidRequestContentException.class)
                .hasMessageStartingWith("Could not parse request body into json: Could not parse payload into json:");
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("engine-missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: " + arn("engine-missing"));
        byte[] tooLarge = new byte[6_291_457];
        java.util.Arrays.fill(tooLarge, (byte) ' ');
        tooLarge[0] = '1';
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("engine-hello")
                .payload(SdkBytes.fromByteArray(tooLarge))))
                // Lambda answers RequestEntityTooLargeException, which the SDK's model does not name.
                .isInstanceOfSatisfying(software.amazon.awssdk.services.lambda.model.LambdaException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(413))
                .hasMessageStartingWith("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
        InvokeResponse qualified = lambda.invoke(r -> r.functionName("engine-hello").qualifier("$LATEST")
                .payload(SdkBytes.fromUtf8String("{\"name\":\"Q\"}")));
        assertThat(json(qualified).path("body").asText()).isEqualTo("Hello, Q!");
        InvokeResponse empty = lambda.invoke(r -> r.functionName("engine-hello"));
        assertThat(json(empty).path("body").asText()).isEqualTo("Hello, World!");
    }

    @Test
    void aRuntimeNothingHereCanRunFailsItsInvocationsNamingWhy() {
        lambda.createFunction(r -> r.functionName("engine-ruby").runtime("ruby3.3").handler("function.handler")
                .role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(functionZip("node", "hello")))));
        // The function fails its preparation, as Lambda's lifecycle shows it, with the reason named.
        await().atMost(Duration.ofSeconds(10)).until(() -> lambda.getFunction(r -> r.functionName("engine-ruby"))
                .configuration().stateAsString().equals("Failed"));
        var failed = lambda.getFunction(r -> r.functionName("engine-ruby")).configuration();
        assertThat(failed.stateReasonCodeAsString()).isEqualTo("InvalidRuntime");
        assertThat(failed.stateReason()).contains("ruby3.3 cannot run on this Stratus host");
        assertThatThrownBy(() -> invoke("engine-ruby", "{}"))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.lambda.model.InvalidRuntimeException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(502))
                .hasMessageContaining("ruby3.3 cannot run on this Stratus host");
    }

    @Test
    void aResponseOverSixMegabytesIsAFunctionError() {
        deploy("engine-big", "nodejs20.x", "index.handler", functionZip("node", "big-response"), 10, 512);
        InvokeResponse fits = invoke("engine-big", "{\"bytes\":6291554}");
        assertThat(fits.functionError()).isNull();
        assertThat(fits.payload().asByteArray()).hasSize(6_291_556);
        InvokeResponse over = invoke("engine-big", "{\"bytes\":6291555}");
        assertThat(over.functionError()).isEqualTo("Unhandled");
        assertThat(json(over).path("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(json(over).path("errorMessage").asText()).isEqualTo(
                "Response payload size exceeded maximum allowed payload size (6291556 bytes).");
        assertThat(invoke("engine-big", "{\"bytes\":3}").functionError()).isNull();
    }

    @Test
    void aCustomRuntimeBootstrapSpeaksTheRuntimeApi() {
        String bootstrap = shellRuntime("echo \"custom runtime up, handler $_HANDLER\"", "",
                "\"{\\\"echo\\\":$event}\"");
        byte[] zip = io.stratus.testkit.Zips.ofDirectory(writeTree(Map.of("bootstrap", bootstrap)));
        deploy("engine-custom", "provided.al2023", "my.handler", zip, 10, 128);
        InvokeResponse response = invoke("engine-custom", "{\"n\":1}");
        assertThat(response.functionError()).isNull();
        assertThat(json(response).path("echo").path("n").asInt()).isEqualTo(1);
        assertThat(invoke("engine-custom", "{\"n\":2}").payload().asUtf8String()).isEqualTo("{\"echo\":{\"n\":2}}");

        deploy("engine-nobootstrap", "provided.al2023", "x", functionZip("node", "hello"), 10, 128);
        InvokeResponse missing = invoke("engine-nobootstrap", "{}");
        assertThat(missing.functionError()).isEqualTo("Unhandled");
        assertThat(json(missing).path("errorType").asText()).isEqualTo("Runtime.ExitError");
    }

    @Test
    void whatACustomRuntimeWritesBeforeItPostsIsLoggedBeforeTheEndLine() throws Exception {
        // A custom runtime writes no output fences of its own: the server fences its output pipe at each post.
        String bootstrap = shellRuntime("", "echo \"working on $id\"; printf 'last words without a newline'", "'{}'");
        byte[] zip = io.stratus.testkit.Zips.ofDirectory(writeTree(Map.of("bootstrap", bootstrap)));
        deploy("engine-custom-output", "provided.al2023", "x", zip, 10, 128);
        for (int i = 0; i < 5; i++) {
            InvokeResponse response = invoke("engine-custom-output", "{}");
            String[] lines = tail(response).split("\n");
            assertThat(lines).hasSize(5);
            assertThat(lines[0]).startsWith("START RequestId: ");
            String id = lines[0].split(" ")[2];
            assertThat(lines[1]).isEqualTo("working on " + id);
            assertThat(lines[2]).isEqualTo("last words without a newline");
            assertThat(lines[3]).isEqualTo("END RequestId: " + id);
            assertThat(lines[4]).startsWith("REPORT RequestId: " + id);
        }
        // Without a log tail the answer goes out before the lines are written; they still come in order.
        for (int i = 0; i < 5; i++) {
            lambda.invoke(r -> r.functionName("engine-custom-output").payload(SdkBytes.fromUtf8String("{}")));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> logs("engine-custom-output", "filter=REPORT")
                .path("events").size() == 10);
        List<String> stream = new ArrayList<>();
        logs("engine-custom-output", "").path("events").forEach(e -> stream.add(e.path("message").asText()));
        assertThat(stream).hasSize(50).noneMatch(line -> line.contains("fence") || line.contains("\0"));
        for (int i = 0; i < stream.size(); i += 5) {
            String id = stream.get(i).split(" ")[2];
            assertThat(stream.subList(i, i + 5)).satisfiesExactly(
                    start -> assertThat(start).startsWith("START RequestId: " + id),
                    working -> assertThat(working).isEqualTo("working on " + id),
                    last -> assertThat(last).isEqualTo("last words without a newline"),
                    end -> assertThat(end).isEqualTo("END RequestId: " + id),
                    report -> assertThat(report).startsWith("REPORT RequestId: " + id));
        }
    }

    @Test
    void changingCodeOrConfigurationRetiresOldSandboxes() {
        deploy("engine-counter", "nodejs20.x", "index.handler", functionZip("node", "counter"), 10, 128);
        assertThat(json(invoke("engine-counter", "{}")).path("count").asInt()).isEqualTo(1);
        assertThat(json(invoke("engine-counter", "{}")).path("count").asInt()).isEqualTo(2);
        lambda.updateFunctionConfiguration(r -> r.functionName("engine-counter").description("changed"));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("engine-counter"));
        assertThat(json(invoke("engine-counter", "{}")).path("count").asInt()).isEqualTo(1);
        lambda.updateFunctionCode(r -> r.functionName("engine-counter")
                .zipFile(SdkBytes.fromByteArray(functionZip("node", "counter"))).publish(false)
                .architectures(software.amazon.awssdk.services.lambda.model.Architecture.X86_64));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("engine-counter"));
        lambda.updateFunctionConfiguration(r -> r.functionName("engine-counter").memorySize(256));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("engine-counter"));
        assertThat(json(invoke("engine-counter", "{}")).path("count").asInt()).isEqualTo(1);
    }

    @Test
    void logsAreKeptAndCanBeReadBackAndFollowed() throws Exception {
        deploy("engine-logger", "nodejs18.x", "index.handler", functionZip("node", "logger"), 10, 128);
        invoke("engine-logger", "{}");
        // As in CloudWatch Logs, an invocation's lines are written just after its answer, not before it.
        await().atMost(Duration.ofSeconds(5)).until(() -> logs("engine-logger", "filter=REPORT")
                .path("events").size() == 1);
        JsonNode page = logs("engine-logger", "");
        StringBuilder all = new StringBuilder();
        page.path("events").forEach(e -> all.append(e.path("message").asText()).append('\n'));
        assertThat(page.path("logGroupName").asText()).isEqualTo("/aws/lambda/engine-logger");
        assertThat(all.toString()).contains("START RequestId: ").contains("hello from the function")
                .contains("END RequestId: ").contains("REPORT RequestId: ")
                .contains("runs on Node.js");
        String token = page.path("nextToken").asText();
        assertThat(logs("engine-logger", "nextToken=" + token).path("events")).isEmpty();
        invoke("engine-logger", "{}");
        await().atMost(Duration.ofSeconds(5)).until(() -> logs("engine-logger", "filter=REPORT")
                .path("events").size() == 2);
        // START, three console records, the last words without a newline, END, REPORT
        JsonNode more = logs("engine-logger", "nextToken=" + token);
        assertThat(more.path("events").size()).isEqualTo(7);
        JsonNode filtered = logs("engine-logger", "filter=an%20error%20line");
        assertThat(filtered.path("events")).hasSize(2);

        io.stratus.testkit.StratusProcess.Outcome cli = io.stratus.testkit.StratusProcess.run(
                java.nio.file.Files.createTempDirectory("stratus-logs-cli"), List.of("logs", "engine-logger",
                        "--filter", "hello from the function", "--endpoint", server.endpoint().toString()),
                Duration.ofSeconds(30));
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.output().lines().findFirst().orElse(""))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z \\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\]\\w{32} .*hello from the function");
    }

    /**
     * A custom runtime in shell with curl: runs {@code init} once, then per event {@code beforePost} and posts
     * {@code responseBody} (shell words; {@code $event} is the event).
     */
    private static String shellRuntime(String init, String beforePost, String responseBody) {
        return String.join("\n",
                "#!/bin/sh",
                "set -eu",
                init,
                "while true; do",
                "  headers=$(mktemp)",
                "  event=$(curl -sS -D \"$headers\" \"http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next\")",
                "  id=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' \"$headers\" | tr -d '\\r' | cut -d' ' -f2)",
                "  " + beforePost,
                "  curl -sS -o /dev/null -X POST \"http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/$id/response\""
                        + " -d " + responseBody,
                "done", "");
    }

    private static JsonNode logs(String function, String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.endpoint() + "/_stratus/logs/" + function + "?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    private static java.nio.file.Path writeTree(Map<String, String> files) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("stratus-fn-");
            for (Map.Entry<String, String> f : files.entrySet()) {
                java.nio.file.Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
