package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * What every runtime must do the way Lambda does it, checked through the real server with the AWS SDK: each
 * language's subclass names its test functions and the error shapes its runtime produces.
 */
abstract class RuntimeBehaviourIT extends ServerFixture {

    /** The runtime identifier to create functions with. */
    abstract String runtime();

    /** The package of a test function (hello, counter, thrower, init-error, timeout, oom, exit, logger). */
    abstract byte[] zip(String function);

    /** The handler string of a test function. */
    abstract String handler(String function);

    /** The errorType and errorMessage a thrown "boom" error produces. */
    abstract String[] thrownError();

    /** The errorType of a module/class that fails while loading. */
    abstract String initErrorType();

    /** A handler string naming something that does not exist, and the errorType that results. */
    abstract String[] missingHandler();

    /** What running out of memory looks like: by default the kernel's kill, reported as Lambda reports it. */
    void assertOutOfMemory(JsonNode error, String tail) {
        assertThat(error.path("errorType").asText()).isEqualTo("Runtime.OutOfMemory");
        assertThat(error.path("errorMessage").asText()).endsWith("Error: Runtime exited with error: signal: killed");
        assertThat(tail).contains("Status: error\tError Type: Runtime.OutOfMemory");
    }

    private String deployed(String function, int timeoutSeconds, int memoryMb) {
        String name = prefix() + "-" + function;
        deploy(name, runtime(), handler(function), zip(function), timeoutSeconds, memoryMb);
        return name;
    }

    private String prefix() {
        return getClass().getSimpleName().replace("IT", "").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void helloWorldGreetsByNameAndWithout() {
        String name = deployed("hello", 10, 256);
        InvokeResponse withName = invoke(name, "{\"name\":\"Ada\"}");
        assertThat(withName.statusCode()).isEqualTo(200);
        assertThat(withName.functionError()).isNull();
        assertThat(withName.executedVersion()).isEqualTo("$LATEST");
        assertThat(json(withName).path("statusCode").asInt()).isEqualTo(200);
        assertThat(json(withName).path("body").asText()).isEqualTo("Hello, Ada!");
        assertThat(json(invoke(name, "{}")).path("body").asText()).isEqualTo("Hello, World!");
    }

    @Test
    void globalStateSurvivesBetweenInvocationsInOneSandbox() {
        String name = deployed("counter", 10, 256);
        int first = json(invoke(name, "{}")).path("count").asInt();
        int second = json(invoke(name, "{}")).path("count").asInt();
        int third = json(invoke(name, "{}")).path("count").asInt();
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(third).isEqualTo(3);
    }

    @Test
    void aThrownErrorIsReturnedAsLambdaShapesItAndTheSandboxGoesOn() {
        String name = deployed("thrower", 10, 256);
        for (int attempt = 0; attempt < 2; attempt++) {
            InvokeResponse response = invoke(name, "{}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.functionError()).isEqualTo("Unhandled");
            JsonNode error = json(response);
            assertThat(error.path("errorType").asText()).isEqualTo(thrownError()[0]);
            assertThat(error.path("errorMessage").asText()).isEqualTo(thrownError()[1]);
            assertThat(tail(response)).contains("END RequestId: ").contains("REPORT RequestId: ");
        }
        assertThat(sandboxes(name)).isEqualTo(1);
    }

    @Test
    void anInitErrorFailsTheInvocationWithTheRuntimesErrorType() {
        String name = deployed("init-error", 10, 256);
        for (int attempt = 0; attempt < 2; attempt++) {
            InvokeResponse response = invoke(name, "{}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.functionError()).isEqualTo("Unhandled");
            assertThat(json(response).path("errorType").asText()).isEqualTo(initErrorType());
            assertThat(json(response).path("errorMessage").asText()).contains("init failed");
            assertThat(tail(response)).contains("Status: error\tError Type: " + initErrorType());
        }
    }

    @Test
    void aHandlerThatDoesNotExistIsAnInitError() {
        String name = prefix() + "-nohandler";
        deploy(name, runtime(), missingHandler()[0], zip("hello"), 10, 256);
        InvokeResponse response = invoke(name, "{}");
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(json(response).path("errorType").asText()).isEqualTo(missingHandler()[1]);
    }

    @Test
    void aTimeoutKillsTheSandboxAndTheNextInvocationWorks() {
        String name = deployed("timeout", 1, 256);
        InvokeResponse response = invoke(name, "{\"ms\":3000}");
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(response);
        assertThat(error.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.path("errorMessage").asText()).isEqualTo("RequestId: " + requestIdOf(response)
                + " Error: Task timed out after 1.00 seconds");
        assertThat(tail(response)).contains("Task timed out after 1.00 seconds").contains("Status: timeout");
        InvokeResponse next = invoke(name, "{\"ms\":10}");
        assertThat(next.functionError()).isNull();
    }

    @Test
    void exceedingMemoryKillsTheSandboxAsOutOfMemoryAndTheNextInvocationWorks() {
        String name = deployed("oom", 10, 128);
        InvokeResponse response = invoke(name, "{\"mb\":512}");
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertOutOfMemory(json(response), tail(response));
        InvokeResponse next = invoke(name, "{\"mb\":1}");
        assertThat(next.functionError()).isNull();
    }

    @Test
    void exitingMidInvocationIsARuntimeExitError() {
        String name = deployed("exit", 10, 256);
        for (int attempt = 0; attempt < 2; attempt++) {
            InvokeResponse response = invoke(name, "{}");
            assertThat(response.functionError()).isEqualTo("Unhandled");
            JsonNode error = json(response);
            assertThat(error.path("errorType").asText()).isEqualTo("Runtime.ExitError");
            assertThat(error.path("errorMessage").asText()).isEqualTo("RequestId: " + requestIdOf(response)
                    + " Error: Runtime exited with error: exit status 3");
        }
    }

    @Test
    void theLogTailHoldsTheInvocationFramedByPlatformLines() {
        String name = deployed("logger", 10, 256);
        String tail = tail(invoke(name, "{}"));
        String[] lines = tail.split("\n");
        assertThat(lines[0]).startsWith("START RequestId: ").endsWith(" Version: $LATEST");
        assertThat(tail).contains("hello from the function");
        // Output is all in before END, even a last line without a newline; the runtime's output fence is not.
        assertThat(lines[lines.length - 3]).endsWith("the last words, without a newline");
        assertThat(tail).doesNotContain("output-fence").doesNotContain("\0");
        assertThat(lines[lines.length - 2]).startsWith("END RequestId: ");
        assertThat(lines[lines.length - 1]).matches("REPORT RequestId: [0-9a-f-]{36}\tDuration: \\d+\\.\\d\\d ms\t"
                + "Billed Duration: \\d+ ms\tMemory Size: 256 MB\tMax Memory Used: \\d+ MB\t"
                + "Init Duration: \\d+\\.\\d\\d ms\t");
        String warm = tail(invoke(name, "{}"));
        assertThat(warm).doesNotContain("Init Duration");
    }

    /**
     * Invokes a {@code quiet-or-loud} function (prints only what the event asks, straight to stdout and stderr)
     * quietly and loudly by turns: the runtime writes an output fence only when something was written since the
     * last one, and direct writes must count as well, so loud lines always come before END.
     */
    static void assertQuietAndLoudInvocationsLogInOrder(String name) {
        for (int round = 0; round < 3; round++) {
            String quiet = tail(invoke(name, "{}"));
            assertThat(quiet.split("\n")).hasSize(3).noneMatch(l -> l.contains("said"));
            String loud = tail(invoke(name, "{\"say\":\"said " + round + "\",\"err\":\"erred " + round + "\"}"));
            String[] lines = loud.split("\n");
            assertThat(lines[0]).startsWith("START RequestId: ");
            assertThat(java.util.Arrays.copyOfRange(lines, 1, lines.length - 2))
                    .containsExactlyInAnyOrder("said " + round, "erred " + round);
            assertThat(lines[lines.length - 2]).startsWith("END RequestId: ");
            assertThat(loud).doesNotContain("output-fence");
        }
    }

    /** The invocation's request id, as the START line of its log tail names it. */
    static String requestIdOf(InvokeResponse response) {
        String tail = tail(response);
        int start = tail.indexOf("START RequestId: ") + "START RequestId: ".length();
        return tail.substring(start, start + 36);
    }
}
