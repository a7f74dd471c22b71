package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.testkit.StratusProcess;
import io.stratus.testkit.Zips;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.State;

/** Functions survive a clean restart and a crash (SIGKILL) of the server, byte for byte. */
class RestartIT {

    @TempDir
    Path scratch;

    @Test
    void functionsSurviveCleanStopAndKillNine() {
        Path data = scratch.resolve("data");
        Map<String, String> shaByName = new HashMap<>();
        StratusProcess first = StratusProcess.start(data);
        try (LambdaClient lambda = ServerFixture.client(first.endpoint())) {
            for (int i = 0; i < 10; i++) {
                String name = "durable-" + i;
                var created = lambda.createFunction(ServerFixture.nodeFunction(name)
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.nodeHello(name)))).build());
                shaByName.put(name, created.codeSha256());
            }
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("durable-9"));
        }
        assertThat(first.stop()).as("clean stop after SIGTERM: " + first.logText()).isTrue();

        StratusProcess second = StratusProcess.start(data);
        try (LambdaClient lambda = ServerFixture.client(second.endpoint())) {
            assertAllPresent(lambda, shaByName);
            // Accepted right before the crash: must be there after it.
            var late = lambda.createFunction(ServerFixture.nodeFunction("after-restart").build());
            shaByName.put("after-restart", late.codeSha256());
        }
        second.kill();

        StratusProcess third = StratusProcess.start(data);
        try (LambdaClient lambda = ServerFixture.client(third.endpoint())) {
            assertAllPresent(lambda, shaByName);
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("after-restart"));
            assertThat(lambda.getFunction(r -> r.functionName("after-restart")).configuration().state())
                    .as("preparation interrupted by the crash is resumed").isEqualTo(State.ACTIVE);
        } finally {
            third.stop();
        }
    }

    private static void assertAllPresent(LambdaClient lambda, Map<String, String> shaByName) {
        shaByName.forEach((name, sha) -> {
            var got = lambda.getFunction(r -> r.functionName(name));
            assertThat(got.configuration().codeSha256()).as(name).isEqualTo(sha);
            assertThat(ServerFixture.download(got.code().location())).as(name + " code bytes")
                    .satisfies(bytes -> assertThat(FunctionLifecycleIT.base64Sha256(bytes)).isEqualTo(sha));
        });
    }
}
