package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Provisioned concurrency: sandboxes initialised ahead of time serve invocations without a cold start. */
class ProvisionedConcurrencyIT extends ServerFixture {

    @Test
    void provisionedSandboxesAreReadyAheadOfTimeAndServeWithoutInit() throws Exception {
        deploy("prov-fn", "nodejs20.x", "index.handler", functionZip("node", "probe"), 10, 128);
        lambda.publishVersion(r -> r.functionName("prov-fn"));
        lambda.createAlias(r -> r.functionName("prov-fn").name("live").functionVersion("1"));
        var put = lambda.putProvisionedConcurrencyConfig(r -> r.functionName("prov-fn").qualifier("live")
                .provisionedConcurrentExecutions(3));
        assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> lambda.getProvisionedConcurrencyConfig(r -> r
                .functionName("prov-fn").qualifier("live")).status() == ProvisionedConcurrencyStatusEnum.READY);
        var ready = lambda.getProvisionedConcurrencyConfig(r -> r.functionName("prov-fn").qualifier("live"));
        assertThat(ready.availableProvisionedConcurrentExecutions()).isEqualTo(3);
        assertThat(ready.allocatedProvisionedConcurrentExecutions()).isEqualTo(3);

        List<Future<InvokeResponse>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(() -> lambda.invoke(r -> r.functionName("prov-fn").qualifier("live")
                        .logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{\"op\":\"env\"}")))));
            }
            for (Future<InvokeResponse> call : calls) {
                InvokeResponse response = call.get();
                assertThat(response.executedVersion()).isEqualTo("1");
                assertThat(json(response).path("env").path("AWS_LAMBDA_INITIALIZATION_TYPE").asText())
                        .isEqualTo("provisioned-concurrency");
                assertThat(tail(response)).contains("REPORT RequestId: ").doesNotContain("Init Duration");
            }
        }
        assertThat(lambda.listProvisionedConcurrencyConfigs(r -> r.functionName("prov-fn"))
                .provisionedConcurrencyConfigs()).singleElement()
                .satisfies(c -> assertThat(c.functionArn()).isEqualTo(arn("prov-fn") + ":live"));
        lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName("prov-fn").qualifier("live"));
        assertThatThrownBy(() -> lambda.getProvisionedConcurrencyConfig(r -> r.functionName("prov-fn")
                .qualifier("live")))
                .isInstanceOf(ProvisionedConcurrencyConfigNotFoundException.class)
                .hasMessageStartingWith("No Provisioned Concurrency Config found for this function");
    }

    @Test
    void badSettingsGetLambdasErrors() {
        deploy("prov-bad", "nodejs20.x", "index.handler", functionZip("node", "hello"), 10, 128);
        lambda.publishVersion(r -> r.functionName("prov-bad"));
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(r -> r.functionName("prov-bad")
                .qualifier("$LATEST").provisionedConcurrentExecutions(1)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Provisioned Concurrency Configs cannot be applied to unpublished function "
                        + "versions.");
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(r -> r.functionName("prov-bad")
                .qualifier("noalias").provisionedConcurrentExecutions(1)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Cannot find alias arn: " + arn("prov-bad") + ":noalias");
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(r -> r.functionName("prov-bad")
                .qualifier("10").provisionedConcurrentExecutions(1)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: " + arn("prov-bad") + ":10");
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(r -> r.functionName("prov-bad")
                .qualifier("1").provisionedConcurrentExecutions(0)))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("Value '0' at 'provisionedConcurrentExecutions' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        lambda.putFunctionConcurrency(r -> r.functionName("prov-bad").reservedConcurrentExecutions(1));
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(r -> r.functionName("prov-bad")
                .qualifier("1").provisionedConcurrentExecutions(2)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Requested Provisioned Concurrency should not be greater than the "
                        + "reservedConcurrentExecution for function");
        assertThatThrownBy(() -> lambda.getProvisionedConcurrencyConfig(r -> r.functionName("prov-bad")
                .qualifier("1")))
                .isInstanceOf(ProvisionedConcurrencyConfigNotFoundException.class);
    }
}
