package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.testkit.StratusProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Asynchronous invocation delivering to the queue service: a function's dead-letter queue gets the original event
 * after the last attempt, and on-success / on-failure queue destinations get Lambda's records, as recorded against
 * real AWS. The server runs retries and event ages at 1/100 of Lambda's times ({@code --async-retry-scale 0.01}).
 */
class QueueDestinationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReportCollector collector;
    private static StratusProcess server;
    private static LambdaClient lambda;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws IOException {
        collector = ReportCollector.start();
        server = StratusProcess.start(Files.createTempDirectory("stratus-it-").resolve("data"),
                "--async-retry-scale", "0.01", "--keep-alive", "30s");
        lambda = ServerFixture.client(server.endpoint());
        sqs = ServerFixture.sqsClient(server.endpoint());
    }

    @AfterAll
    static void stop() {
        sqs.close();
        lambda.close();
        server.stop();
        collector.close();
    }

    private static String queue(String name) {
        sqs.createQueue(r -> r.queueName(name));
        return "arn:aws:sqs:us-east-1:" + ServerFixture.ACCOUNT + ":" + name;
    }

    private static String url(String name) {
        return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
    }

    private static void reporter(String name, String deadLetterArn) {
        lambda.createFunction(r -> r.functionName(name).runtime("nodejs20.x").handler("index.handler")
                .role(ServerFixture.ROLE).timeout(10)
                .deadLetterConfig(d -> d.targetArn(deadLetterArn))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(ServerFixture.functionZip("node", "reporter")))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    private static String event(String id, int failTimes) {
        return "{\"id\":\"" + id + "\",\"failTimes\":" + failTimes + ",\"url\":\"" + collector.url() + "\"}";
    }

    private static void sendEvent(String function, String payload) {
        assertThat(lambda.invoke(r -> r.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))).statusCode()).isEqualTo(202);
    }

    /** The one message a queue gets, waiting for it with long polls. */
    private static Message receiveOne(String queueName) {
        String url = url(queueName);
        List<Message> got = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (got.isEmpty() && System.nanoTime() < deadline) {
            got = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5).messageAttributeNames("All")
                    .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName
                            .ALL)).messages();
        }
        assertThat(got).as("a message in " + queueName).hasSize(1);
        return got.getFirst();
    }

    private static String requestIdOf(String eventId) {
        return collector.reports().stream().filter(r -> r.path("event").path("id").asText().equals(eventId))
                .findFirst().orElseThrow().path("requestId").asText();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode asyncStatus() {
        return ServerFixture.getJson(URI.create(server.endpoint() + "/_stratus/async"));
    }

    @Test
    void theDeadLetterQueueGetsTheOriginalEventAfterTheLastAttempt() {
        String dlq = queue("dlq-target");
        reporter("dlq-function", dlq);
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("dlq-function")).deadLetterConfig()
                .targetArn()).isEqualTo(dlq);
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("dlq-function").maximumRetryAttempts(1));
        String payload = event("dlq-1", 99);
        sendEvent("dlq-function", payload);

        Message dead = receiveOne("dlq-target");
        String requestId = requestIdOf("dlq-1");
        // As recorded: the body is the event itself; RequestID, ErrorCode (a Number, 200) and ErrorMessage.
        assertThat(dead.body()).isEqualTo(payload);
        assertThat(dead.messageAttributes()).containsOnlyKeys("RequestID", "ErrorCode", "ErrorMessage");
        assertThat(dead.messageAttributes().get("RequestID").dataType()).isEqualTo("String");
        assertThat(dead.messageAttributes().get("RequestID").stringValue()).isEqualTo(requestId);
        assertThat(dead.messageAttributes().get("ErrorCode").dataType()).isEqualTo("Number");
        assertThat(dead.messageAttributes().get("ErrorCode").stringValue()).isEqualTo("200");
        assertThat(dead.messageAttributes().get("ErrorMessage").stringValue())
                .isEqualTo("the collector said to fail");
        assertThat(dead.md5OfMessageAttributes()).hasSize(32);
        assertThat(collector.attempts(requestId)).as("MaximumRetryAttempts 1: two attempts").isEqualTo(2);
    }

    @Test
    void deadLetterTargetsMustBeQueuesOfThisServer() {
        assertThatThrownBy(() -> reporter("dlq-missing", "arn:aws:sqs:us-east-1:" + ServerFixture.ACCOUNT
                + ":no-such-queue"))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("must be an existing SQS queue of this server");
        assertThatThrownBy(() -> reporter("dlq-topic", "arn:aws:sns:us-east-1:" + ServerFixture.ACCOUNT
                + ":alerts"))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("SNS topics are not available");
        String dlq = queue("dlq-later");
        reporter("dlq-update", "");
        lambda.updateFunctionConfiguration(r -> r.functionName("dlq-update").deadLetterConfig(d -> d.targetArn(dlq)));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("dlq-update"));
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("dlq-update")).deadLetterConfig().targetArn())
                .isEqualTo(dlq);
        lambda.updateFunctionConfiguration(r -> r.functionName("dlq-update").deadLetterConfig(d -> d.targetArn("")));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("dlq-update"));
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("dlq-update")).deadLetterConfig()).isNull();
    }

    @Test
    void successAndFailureRecordsArriveInTheirQueues() {
        String ok = queue("records-success");
        String failed = queue("records-failure");
        reporter("records-function", "");
        var config = lambda.putFunctionEventInvokeConfig(r -> r.functionName("records-function")
                .maximumRetryAttempts(0).destinationConfig(d -> d.onSuccess(s -> s.destination(ok))
                        .onFailure(f -> f.destination(failed))));
        assertThat(config.destinationConfig().onSuccess().destination()).isEqualTo(ok);
        String functionArn = ServerFixture.arn("records-function") + ":$LATEST";

        sendEvent("records-function", event("ok-1", 0));
        JsonNode success = json(receiveOne("records-success").body());
        assertThat(success.path("version").asText()).isEqualTo("1.0");
        assertThat(success.path("timestamp").asText()).endsWith("Z");
        assertThat(success.path("requestContext").path("requestId").asText()).isEqualTo(requestIdOf("ok-1"));
        assertThat(success.path("requestContext").path("functionArn").asText()).isEqualTo(functionArn);
        assertThat(success.path("requestContext").path("condition").asText()).isEqualTo("Success");
        assertThat(success.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(success.path("requestPayload").path("id").asText()).isEqualTo("ok-1");
        assertThat(success.path("responseContext").path("statusCode").asInt()).isEqualTo(200);
        assertThat(success.path("responseContext").path("executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(success.path("responseContext").has("functionError")).isFalse();
        assertThat(success.path("responsePayload").path("reported").asBoolean()).isTrue();

        sendEvent("records-function", event("fail-1", 99));
        JsonNode failure = json(receiveOne("records-failure").body());
        assertThat(failure.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(failure.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(failure.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(failure.path("responsePayload").path("errorMessage").asText())
                .isEqualTo("the collector said to fail");

        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("records-function")
                .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:sns:us-east-1:"
                        + ServerFixture.ACCOUNT + ":topic")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("topics, event buses and buckets are not available");
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("records-function")
                .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:sqs:us-east-1:"
                        + ServerFixture.ACCOUNT + ":missing")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The destination ARN arn:aws:sqs:us-east-1:" + ServerFixture.ACCOUNT
                        + ":missing is invalid.");
    }

    @Test
    void anEventThatOutlivesItsMaximumAgeBeforeItsRetryReportsEventAgeExceeded() {
        String expired = queue("records-expired");
        reporter("aging-function", "");
        // Warm: the first attempt must not spend the event's short life starting a sandbox.
        lambda.invoke(r -> r.functionName("aging-function").payload(SdkBytes.fromUtf8String(event("warm-up", 0))));
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("aging-function").maximumEventAgeInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination(expired))));
        // Scaled: the event may live 0.6 s and its first retry waits 0.6 s after the first failure, so it
        // expires before the retry, as in Lambda's recording of a 60 s age with a 1 minute retry delay.
        sendEvent("aging-function", event("age-1", 99));
        JsonNode record = json(receiveOne("records-expired").body());
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.path("responsePayload").path("errorMessage").asText())
                .isEqualTo("the collector said to fail");
        assertThat(collector.attempts(requestIdOf("age-1"))).isEqualTo(1);
    }

    @Test
    void aQueueDeletedBeforeDeliveryCountsTheRecordAsDropped() {
        String gone = queue("records-gone");
        reporter("orphan-function", gone);
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("orphan-function").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(gone))));
        sqs.deleteQueue(r -> r.queueUrl(url("records-gone")));
        long droppedBefore = asyncStatus().path("Dropped").asLong();
        sendEvent("orphan-function", event("secret-payload-marker", 0));
        sendEvent("orphan-function", event("orphan-failure", 99));
        await().atMost(Duration.ofSeconds(20)).until(() -> asyncStatus().path("Dropped").asLong()
                == droppedBefore + 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> asyncStatus().path("Depth").asLong() == 0);
        assertThat(server.logText()).contains("destination " + gone + " cannot receive the record of event")
                .contains("dead-letter queue " + gone + " cannot receive event")
                .doesNotContain("secret-payload-marker");
    }
}
