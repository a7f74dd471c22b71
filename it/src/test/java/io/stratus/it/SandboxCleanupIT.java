package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stratus.testkit.StratusProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * No sandbox process outlives its server: a stopped server stops its sandboxes, a server killed with SIGKILL
 * takes them with it, and the next start clears what is left (cgroups).
 */
class SandboxCleanupIT {

    @TempDir
    Path scratch;

    @Test
    void sandboxesDieWithAKilledServerAndARestartCleansUp() throws Exception {
        Path data = scratch.resolve("data");
        String marker = UUID.randomUUID().toString();
        StratusProcess first = StratusProcess.start(data);
        try (LambdaClient lambda = ServerFixture.client(first.endpoint())) {
            start(lambda, "before", marker, 3);
        }
        // Each sandbox has at least its runtime in one of the server's cgroups; pre-started runtimes (spares) too.
        assertThat(processesOf(data, marker)).isGreaterThanOrEqualTo(3);
        first.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> processesOf(data, marker) == 0);

        StratusProcess second = StratusProcess.start(data);
        try {
            Path groups = Path.of("/sys/fs/cgroup/memory", "stratus-" + owner(data));
            if (Files.isDirectory(groups)) {
                assertThat(children(groups)).as("sandbox cgroups left by the killed server").isZero();
            }
            String otherMarker = UUID.randomUUID().toString();
            try (LambdaClient lambda = ServerFixture.client(second.endpoint())) {
                start(lambda, "after", otherMarker, 1);
            }
            assertThat(processesOf(data, otherMarker)).isPositive();
            assertThat(second.stop()).isTrue();
            assertThat(processesOf(data, otherMarker)).as("a stopped server stops its sandboxes").isZero();
        } finally {
            second.stop();
        }
    }

    /** Starts {@code count} sandboxes whose environment carries the marker. */
    private static void start(LambdaClient lambda, String prefix, String marker, int count) {
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            lambda.createFunction(r -> r.functionName(name).runtime("nodejs20.x").handler("index.handler")
                    .role(ServerFixture.ROLE).environment(e -> e.variables(Map.of("MARKER", marker)))
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(ServerFixture.functionZip("node", "hello")))));
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
            assertThat(lambda.invoke(r -> r.functionName(name)).functionError()).isNull();
        }
    }

    /**
     * Sandbox processes of the server on {@code data}: those in its cgroups, and those whose start-up environment
     * holds MARKER=marker. A runtime that adopted a function (a pre-started one) keeps the environment it started
     * with in {@code /proc}, so the cgroups are what find every sandbox; the marker finds them where there are none.
     */
    private static long processesOf(Path data, String marker) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/1/environ")),
                "reading other processes' environments needs root");
        String wanted = "MARKER=" + marker;
        String groups = "/stratus-" + owner(data) + "/";
        return ProcessHandle.allProcesses().filter(p -> {
            Path proc = Path.of("/proc", Long.toString(p.pid()));
            try {
                return Files.readString(proc.resolve("cgroup")).contains(groups)
                        || new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8)
                        .contains(wanted);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).count();
    }

    private static long children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).count();
        }
    }

    /** The name the server gives its cgroup parent: a hash of the data directory. */
    private static String owner(Path data) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                data.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 6);
    }
}
