package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.testkit.StratusProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's quick start ({@code docs/quick-start.sh}) against a fresh server that enforces invoke
 * permissions, so the quick start's AddPermission is shown to be the one API Gateway needs.
 */
class QuickStartIT {

    @Test
    void readmeQuickStartGreetsThroughTheHttpTrigger() throws Exception {
        AwsCli.requireInstalled();
        Path data = Files.createTempDirectory("stratus-quick-").resolve("data");
        try (StratusProcess server = StratusProcess.start(data, "--invoke-permissions", "enforce")) {
            String output = AwsCli.runScript("quick-start.sh", server.endpoint());
            assertThat(output)
                    .contains("\"statusCode\":200")
                    .contains("{\\\"message\\\":\\\"Hello, Ada!\\\"}")
                    .contains(".execute-api.localhost:" + server.endpoint().getPort() + "/default/hello-world")
                    .contains("{\"message\":\"Hello, World!\"}")
                    .contains("{\"message\":\"Hello, Grace!\"}")
                    .contains("{\"message\":\"Hello, Linus!\"}");
        }
    }
}
