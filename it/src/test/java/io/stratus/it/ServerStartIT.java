package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.testkit.StratusProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping the server process: the ready line, clear refusals, clean shutdown. */
class ServerStartIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path scratch;

    @Test
    void printsReadyLineServesOnLoopbackAndStopsCleanlyOnSigterm() throws Exception {
        StratusProcess server = StratusProcess.start(scratch.resolve("data"));
        assertThat(server.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.endpoint() + "/2015-03-31/functions")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(server.stop()).as(server.logText()).isTrue();
        assertThat(Files.exists(scratch.resolve("data").resolve("stratus.db"))).isTrue();
    }

    @Test
    void refusesAPortInUseWithAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StratusProcess.Outcome outcome = StratusProcess.run(scratch.resolve("p"), List.of("server", "--port",
                    Integer.toString(taken.getLocalPort()), "--data-dir", scratch.resolve("data").toString()),
                    EXIT_TIMEOUT);
            assertThat(outcome.exitCode()).isNotZero();
            assertThat(outcome.output()).contains("Port " + taken.getLocalPort()).contains("already in use")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void refusesADataDirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(scratch.resolve("not-a-dir"), "x");
        StratusProcess.Outcome outcome = StratusProcess.run(scratch.resolve("p"), List.of("server", "--port", "0",
                "--data-dir", file.toString()), EXIT_TIMEOUT);
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("data directory").contains(file.toString())
                .doesNotContain("Exception");
    }

    @Test
    void refusesADataDirectoryInUseByAnotherServer() {
        Path data = scratch.resolve("shared");
        try (StratusProcess first = StratusProcess.start(data)) {
            StratusProcess.Outcome outcome = StratusProcess.run(scratch.resolve("p"), List.of("server", "--port",
                    "0", "--data-dir", data.toString()), EXIT_TIMEOUT);
            assertThat(outcome.exitCode()).isNotZero();
            assertThat(outcome.output()).contains("in use by another Stratus server");
            assertThat(first.isAlive()).isTrue();
        }
    }
}
