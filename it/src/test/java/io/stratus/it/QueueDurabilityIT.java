package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.testkit.StratusProcess;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Every message SendMessage acknowledged survives {@code kill -9} of the server, and so does its state. */
class QueueDurabilityIT {

    @TempDir
    Path scratch;

    private StratusProcess server;
    private SqsClient sqs;

    private void start() {
        server = StratusProcess.start(scratch.resolve("data"));
        sqs = ServerFixture.sqsClient(server.endpoint());
    }

    @AfterEach
    void stop() {
        sqs.close();
        server.stop();
    }

    @Test
    void acknowledgedMessagesAndTheirVisibilitySurviveKillDashNine() {
        start();
        String url = sqs.createQueue(r -> r.queueName("durable").attributes(java.util.Map.of(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT, "2"))).queueUrl();
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String body = "message-" + i;
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
            sent.add(body);
        }
        List<SendMessageBatchRequestEntry> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(SendMessageBatchRequestEntry.builder().id("b" + i).messageBody("batch-" + i).build());
            sent.add("batch-" + i);
        }
        sqs.sendMessageBatch(r -> r.queueUrl(url).entries(batch));
        List<Message> inFlight = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertThat(inFlight).hasSize(10);
        Message deleted = inFlight.getFirst();
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(deleted.receiptHandle()));
        sent.remove(deleted.body());

        server.kill();
        sqs.close();
        start();
        String again = sqs.getQueueUrl(r -> r.queueName("durable")).queueUrl();
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(again).attributeNamesWithStrings("All"))
                .attributesAsStrings()).containsEntry("VisibilityTimeout", "2");
        Set<String> received = new HashSet<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (received.size() < sent.size() && System.nanoTime() < deadline) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(again).maxNumberOfMessages(10).waitTimeSeconds(3)
                    .visibilityTimeout(60)).messages()) {
                received.add(m.body());
            }
        }
        // The nine still in flight at the kill come back once their timeout ends; the deleted one never does.
        assertThat(received).isEqualTo(sent);
    }
}
