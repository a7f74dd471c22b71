package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Reserved concurrency: the API, the account's unreserved pool, and throttling at invoke time. */
class ConcurrencyIT extends ServerFixture {

    @Test
    void reservationsAreStoredReportedAndRemoved() {
        deploy("conc-api", "nodejs20.x", "index.handler", functionZip("node", "hello"), 10, 128);
        assertThat(lambda.getFunctionConcurrency(r -> r.functionName("conc-api")).reservedConcurrentExecutions())
                .isNull();
        int unreservedBefore = lambda.getAccountSettings(r -> { }).accountLimit().unreservedConcurrentExecutions();
        assertThat(lambda.putFunctionConcurrency(r -> r.functionName("conc-api").reservedConcurrentExecutions(7))
                .reservedConcurrentExecutions()).isEqualTo(7);
        assertThat(lambda.getFunctionConcurrency(r -> r.functionName(arn("conc-api")))
                .reservedConcurrentExecutions()).isEqualTo(7);
        assertThat(lambda.getFunction(r -> r.functionName("conc-api")).concurrency().reservedConcurrentExecutions())
                .isEqualTo(7);
        assertThat(lambda.getAccountSettings(r -> { }).accountLimit().unreservedConcurrentExecutions())
                .isEqualTo(unreservedBefore - 7);
        lambda.deleteFunctionConcurrency(r -> r.functionName("conc-api"));
        assertThat(lambda.getFunctionConcurrency(r -> r.functionName("conc-api")).reservedConcurrentExecutions())
                .isNull();
        assertThat(lambda.getAccountSettings(r -> { }).accountLimit().unreservedConcurrentExecutions())
                .isEqualTo(unreservedBefore);
    }

    @Test
    void badReservationsGetLambdasErrors() {
        deploy("conc-bad", "nodejs20.x", "index.handler", functionZip("node", "hello"), 10, 128);
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(r -> r.functionName("conc-bad")
                .reservedConcurrentExecutions(901)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Specified ReservedConcurrentExecutions for function decreases account's "
                        + "UnreservedConcurrentExecution below its minimum value of [100].");
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(r -> r.functionName("conc-bad")
                .reservedConcurrentExecutions(-1)))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.lambda.model.LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 0");
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(r -> r.functionName(arn("conc-bad") + ":1")
                .reservedConcurrentExecutions(1)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("This operation is permitted on Lambda functions only.");
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(r -> r.functionName("conc-missing")
                .reservedConcurrentExecutions(1)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: " + arn("conc-missing"));
    }

    @Test
    void theExcessOverTheReservationIsThrottledAndZeroThrottlesEverything() throws Exception {
        deploy("conc-slow", "nodejs20.x", "index.handler", functionZip("node", "sleeper"), 10, 128);
        lambda.putFunctionConcurrency(r -> r.functionName("conc-slow").reservedConcurrentExecutions(2));
        List<Future<String>> calls = new ArrayList<>();
        // The SDK retries throttled calls by default; each throttle must be seen here.
        try (software.amazon.awssdk.services.lambda.LambdaClient once = software.amazon.awssdk.services.lambda
                .LambdaClient.builder().endpointOverride(server.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials
                        .create("test", "test"))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(
                        software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                calls.add(pool.submit(() -> {
                    try {
                        once.invoke(r -> r.functionName("conc-slow").payload(
                                software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"ms\":2500}")));
                        return "ok";
                    } catch (TooManyRequestsException e) {
                        assertThat(e.statusCode()).isEqualTo(429);
                        assertThat(e.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
                        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After"))
                                .isPresent();
                        return "throttled";
                    }
                }));
            }
            long throttled = 0;
            for (Future<String> call : calls) {
                if (call.get().equals("throttled")) {
                    throttled++;
                }
            }
            assertThat(throttled).isEqualTo(8);
        }
        lambda.putFunctionConcurrency(r -> r.functionName("conc-slow").reservedConcurrentExecutions(0));
        assertThatThrownBy(() -> invoke("conc-slow", "{\"ms\":1}")).isInstanceOf(TooManyRequestsException.class);
        lambda.deleteFunctionConcurrency(r -> r.functionName("conc-slow"));
        assertThat(invoke("conc-slow", "{\"ms\":1}").functionError()).isNull();
    }
}
