package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Runs the README's AWS CLI walkthrough ({@code docs/cli-walkthrough.sh}) against a fresh server. */
class CliWalkthroughIT extends ServerFixture {

    @Test
    void readmeWalkthroughRunsWithTheAwsCli() throws Exception {
        AwsCli.requireInstalled();
        String output = AwsCli.runScript("cli-walkthrough.sh", server.endpoint());
        assertThat(output).contains("hello-world").contains("\"Active\"").contains("256").contains("hello")
                .contains("team").contains("walkthrough finished")
                .contains("order").contains("no greeting today")
                .contains("START RequestId: ").contains("REPORT RequestId: ");
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("hello-world")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
