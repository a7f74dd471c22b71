package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.testkit.ServiceRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Runs the README's AWS CLI walkthrough ({@code docs/cli-walkthrough.sh}) against a fresh server. */
class CliWalkthroughIT extends ServerFixture {

    @Test
    void readmeWalkthroughRunsWithTheAwsCli() throws Exception {
        boolean installed = awsCliInstalled();
        if (!installed) {
            String message = ServiceRequirement.missing("The AWS CLI (aws)");
            assertThat(ServiceRequirement.required()).as(message).isFalse();
            assumeTrue(false, message);
        }
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/cli-walkthrough.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().put("STRATUS_ENDPOINT", server.endpoint().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("hello-world").contains("\"Active\"").contains("256").contains("hello")
                .contains("team").contains("walkthrough finished")
                .contains("START RequestId: ").contains("REPORT RequestId: ");
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("hello-world")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static boolean awsCliInstalled() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
