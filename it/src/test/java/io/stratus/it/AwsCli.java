package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.testkit.ServiceRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the documentation's AWS CLI scripts ({@code docs/*.sh}) against a server, as a reader would. */
final class AwsCli {

    private AwsCli() {
    }

    /** Skips the test loudly when the AWS CLI is missing; fails instead when services are required. */
    static void requireInstalled() throws InterruptedException {
        boolean installed;
        try {
            Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            installed = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            installed = false;
        }
        if (!installed) {
            String message = ServiceRequirement.missing("The AWS CLI (aws)");
            assertThat(ServiceRequirement.required()).as(message).isFalse();
            assumeTrue(false, message);
        }
    }

    /** Runs {@code docs/NAME} with {@code STRATUS_ENDPOINT} set; asserts it succeeds and returns its output. */
    static String runScript(String name, java.net.URI endpoint) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("docs").resolve(name);
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().put("STRATUS_ENDPOINT", endpoint.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
