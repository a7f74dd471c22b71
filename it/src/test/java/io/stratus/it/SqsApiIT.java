package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

/**
 * The queue service through the AWS SDK's SqsClient (AWS JSON 1.0): queue management, messages with their digests
 * and attributes, visibility, long polling, batches, redrive, and errors as real SQS answers them (recorded).
 */
class SqsApiIT extends ServerFixture {

    private static SqsClient sqs;

    @BeforeAll
    static void client() {
        sqs = sqsClient(server.endpoint());
    }

    @AfterAll
    static void closeClient() {
        sqs.close();
    }

    private static String create(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
    }

    private static SendMessageBatchRequestEntry entry(String id, String body) {
        return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build();
    }

    private static String errorCode(Throwable e) {
        return ((SqsException) e).awsErrorDetails().errorCode();
    }

    @Test
    void queuesAreCreatedIdempotentlyListedDescribedTaggedAndDeleted() {
        String url = sqs.createQueue(r -> r.queueName("orders").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "20", QueueAttributeName.DELAY_SECONDS, "0"))
                .tags(Map.of("team", "shop"))).queueUrl();
        assertThat(url).isEqualTo(server.endpoint() + "/" + ACCOUNT + "/orders");
        assertThat(create("orders", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "20"))).isEqualTo(url);
        assertThatThrownBy(() -> create("orders", Map.of(QueueAttributeName.DELAY_SECONDS, "5")))
                .isInstanceOf(QueueNameExistsException.class)
                .hasMessageStartingWith("A queue already exists with the same name and a different value for"
                        + " attribute DelaySeconds")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("QueueAlreadyExists"));
        assertThat(sqs.getQueueUrl(r -> r.queueName("orders")).queueUrl()).isEqualTo(url);

        Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertThat(attributes).containsEntry("VisibilityTimeout", "20").containsEntry("DelaySeconds", "0")
                .containsEntry("MaximumMessageSize", "1048576").containsEntry("MessageRetentionPeriod", "345600")
                .containsEntry("ReceiveMessageWaitTimeSeconds", "0").containsEntry("SqsManagedSseEnabled", "true")
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":orders")
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0")
                .containsEntry("ApproximateNumberOfMessagesDelayed", "0")
                .containsKeys("CreatedTimestamp", "LastModifiedTimestamp");
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "420",
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "2048")));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.DELAY_SECONDS,
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE)).attributesAsStrings())
                .containsOnly(Map.entry("DelaySeconds", "420"), Map.entry("MaximumMessageSize", "2048"));

        sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of("tier", "1")));
        sqs.untagQueue(r -> r.queueUrl(url).tagKeys("team"));
        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsOnly(Map.entry("tier", "1"));

        for (int i = 0; i < 5; i++) {
            create("page-" + i, Map.of());
        }
        var first = sqs.listQueues(r -> r.queueNamePrefix("page-").maxResults(2));
        assertThat(first.queueUrls()).extracting(u -> u.substring(u.lastIndexOf('/') + 1))
                .containsExactly("page-0", "page-1");
        var rest = sqs.listQueues(r -> r.queueNamePrefix("page-").maxResults(10).nextToken(first.nextToken()));
        assertThat(rest.queueUrls()).hasSize(3);
        assertThat(rest.nextToken()).isNull();

        sqs.deleteQueue(r -> r.queueUrl(url));
        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("orders")))
                .isInstanceOf(QueueDoesNotExistException.class)
                .hasMessageStartingWith("The specified queue does not exist.")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AWS.SimpleQueueService.NonExistentQueue"));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x")))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void messagesCarryTheDigestsAndAttributesSqsComputes() {
        String url = create("digests", Map.of());
        var sent = sqs.sendMessage(r -> r.queueUrl(url).messageBody("msg").messageAttributes(Map.of(
                "Foo", MessageAttributeValue.builder().dataType("String").stringValue("Bar").build())));
        // Both digests as real SQS computed them for the same message (recorded).
        assertThat(sent.md5OfMessageBody()).isEqualTo("6e2baaf3b97dbeef01c0043275f9a0e7");
        assertThat(sent.md5OfMessageAttributes()).isEqualTo("ae7155c6026991b6d54b11589678bf9c");

        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
        assertThat(got).hasSize(1);
        Message m = got.getFirst();
        assertThat(m.messageId()).isEqualTo(sent.messageId());
        assertThat(m.body()).isEqualTo("msg");
        assertThat(m.md5OfBody()).isEqualTo("6e2baaf3b97dbeef01c0043275f9a0e7");
        assertThat(m.md5OfMessageAttributes()).isEqualTo("ae7155c6026991b6d54b11589678bf9c");
        assertThat(m.messageAttributes().get("Foo").stringValue()).isEqualTo("Bar");
        assertThat(m.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1")
                .containsEntry("SenderId", "test").containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp");

        var binary = sqs.sendMessage(r -> r.queueUrl(url).messageBody("bin").messageAttributes(Map.of(
                "b", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build(),
                "n", MessageAttributeValue.builder().dataType("Number").stringValue("42").build())));
        assertThat(binary.md5OfMessageAttributes()).hasSize(32);
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
        Message withFilter = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("n")).messages().getFirst();
        assertThat(withFilter.messageAttributes()).containsOnlyKeys("n");
        assertThat(withFilter.attributes()).isEmpty();
    }

    @Test
    void invalidRequestsGetSqsErrors() {
        String url = create("strict", Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024"));
        assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(11)))
                .hasMessageStartingWith("Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be"
                        + " between 1 and 10, if provided.")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(21)))
                .hasMessageStartingWith("Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0"
                        + " and <= 20, if provided.");
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("")))
                .hasMessageStartingWith("The request must contain the parameter MessageBody.")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("MissingParameter"));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x".repeat(1025))))
                .hasMessageStartingWith("One or more parameters are invalid. Reason: Message must be shorter than"
                        + " 1024 bytes.");
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageAttributes(Map.of(
                "ErrorDetails", MessageAttributeValue.builder().dataType("String").stringValue("").build()))))
                .hasMessageStartingWith("Message (user) attribute 'ErrorDetails' must contain a non-empty value of"
                        + " type 'String'.");
        assertThatThrownBy(() -> create("bad name!", Map.of()))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> create("jobs.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .hasMessageContaining("FIFO queues are not available")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AWS.SimpleQueueService.UnsupportedOperation"));
        assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "false"))))
                .isInstanceOf(InvalidAttributeNameException.class)
                .hasMessageStartingWith("Unknown Attribute FifoQueue.");
        assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "43201"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidAttributeValue"));
        assertThatThrownBy(() -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle("bogus")))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(java.util.stream.IntStream
                .range(0, 20).mapToObj(i -> entry("m" + i, "x")).toList())))
                .isInstanceOf(TooManyEntriesInBatchRequestException.class)
                .hasMessageStartingWith("Maximum number of entries per request are 10. You have sent 20.")
                .satisfies(e -> assertThat(errorCode(e))
                        .isEqualTo("AWS.SimpleQueueService.TooManyEntriesInBatchRequest"));
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entry("invalid:id", "x"))))
                .isInstanceOf(InvalidBatchEntryIdException.class)
                .hasMessageStartingWith("A batch entry id can only contain alphanumeric characters, hyphens and"
                        + " underscores. It can be at most 80 letters long.");
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entry("a", "x"), entry("a", "y"))))
                .isInstanceOf(BatchEntryIdsNotDistinctException.class);
        sqs.purgeQueue(r -> r.queueUrl(url));
        assertThatThrownBy(() -> sqs.purgeQueue(r -> r.queueUrl(url)))
                .isInstanceOf(PurgeQueueInProgressException.class)
                .hasMessageStartingWith("Only one PurgeQueue operation on strict is allowed every 60 seconds.")
                .satisfies(e -> assertThat(((SqsException) e).statusCode()).isEqualTo(403));
    }

    @Test
    void aMessageNotDeletedInItsVisibilityTimeoutIsDeliveredAgain() {
        String url = create("redeliver", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("again"));
        Message first = sqs.receiveMessage(r -> r.queueUrl(url)).messages().getFirst();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).as("invisible while in flight").isEmpty();
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
        long start = System.nanoTime();
        // A long poll wakes when the visibility timeout ends, not at its own deadline.
        Message second = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages().getFirst();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
        assertThat(second.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");

        // Visibility 0 makes it receivable at once; an old receipt can no longer change it.
        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(second.receiptHandle()).visibilityTimeout(0));
        Message third = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(30)).messages().getFirst();
        assertThatThrownBy(() -> sqs.changeMessageVisibility(r -> r.queueUrl(url)
                .receiptHandle(first.receiptHandle()).visibilityTimeout(5)))
                .hasMessageContaining("The receipt handle has expired.");
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(third.receiptHandle()));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void aLongPollWakesAsSoonAsAMessageIsSentAndAnEmptyOneWaitsItsTime() throws Exception {
        String url = create("long-poll", Map.of());
        long start = System.nanoTime();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
                Duration.ofSeconds(3));

        CompletableFuture<List<Message>> waiting = CompletableFuture.supplyAsync(() ->
                sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)).messages());
        Thread.sleep(500);
        long sent = System.nanoTime();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("wake up"));
        List<Message> got = waiting.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(2));
        assertThat(got).extracting(Message::body).containsExactly("wake up");

        sqs.sendMessage(r -> r.queueUrl(url).messageBody("later").delaySeconds(1));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessagesDelayed", "1");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)).messages())
                .extracting(Message::body).containsExactly("later");
    }

    @Test
    void batchesSucceedAndFailEntryByEntry() {
        String url = create("batches", Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024"));
        SendMessageBatchResponse sent = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                entry("ok-1", "a"), entry("too-big", "x".repeat(2000)), entry("ok-2", "b")));
        assertThat(sent.successful()).extracting(s -> s.id()).containsExactly("ok-1", "ok-2");
        assertThat(sent.successful().getFirst().md5OfMessageBody()).isEqualTo("0cc175b9c0f1b6a831c399e269772661");
        assertThat(sent.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("too-big");
            assertThat(f.senderFault()).isTrue();
            assertThat(f.code()).isEqualTo("InvalidParameterValue");
            assertThat(f.message()).isEqualTo("One or more parameters cannot be validated. Reason: Message must be"
                    + " shorter than 1024 bytes.");
        });
        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertThat(got).extracting(Message::body).containsExactlyInAnyOrder("a", "b");
        var changed = sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(
                ChangeMessageVisibilityBatchRequestEntry.builder().id("c1").receiptHandle(got.get(0).receiptHandle())
                        .visibilityTimeout(60).build(),
                ChangeMessageVisibilityBatchRequestEntry.builder().id("c2").receiptHandle("bogus")
                        .visibilityTimeout(60).build()));
        assertThat(changed.successful()).extracting(s -> s.id()).containsExactly("c1");
        assertThat(changed.failed()).singleElement().satisfies(f -> assertThat(f.code())
                .isEqualTo("ReceiptHandleIsInvalid"));
        var deleted = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(
                DeleteMessageBatchRequestEntry.builder().id("d1").receiptHandle(got.get(0).receiptHandle()).build(),
                DeleteMessageBatchRequestEntry.builder().id("d2").receiptHandle(got.get(1).receiptHandle()).build()));
        assertThat(deleted.successful()).hasSize(2);
        assertThat(deleted.failed()).isEmpty();
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings()).containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }

    @Test
    void aMessageReceivedTooOftenMovesToTheDeadLetterQueue() {
        String dlqUrl = create("redrive-dlq", Map.of());
        String dlqArn = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":redrive-dlq";
        assertThatThrownBy(() -> create("redrive-bad", Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:" + ACCOUNT + ":nope\",\"maxReceiveCount\":1}")))
                .hasMessageContaining("Dead letter target does not exist.");
        String url = create("redrive-source", Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributesAsStrings()).containsEntry("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":1}");
        String id = sqs.sendMessage(r -> r.queueUrl(url).messageBody("poison").messageAttributes(Map.of(
                "MyAttribute", MessageAttributeValue.builder().dataType("String").stringValue("foobar").build())))
                .messageId();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0)).messages()).hasSize(1);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).as("moved, not received again").isEmpty();

        Message dead = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(5)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All"))
                .messages().getFirst();
        // As recorded: same message id and attributes, the receive count carried over, the source named.
        assertThat(dead.messageId()).isEqualTo(id);
        assertThat(dead.body()).isEqualTo("poison");
        assertThat(dead.md5OfMessageAttributes()).isEqualTo("adb59cd4678ea5a855436b949cd07ab6");
        assertThat(dead.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2")
                .containsEntry("DeadLetterQueueSourceArn", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":redrive-source");
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, "")));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings()).doesNotContainKey("RedrivePolicy");
    }

    @Test
    void aQueueUrlWorksAsTheEndpoint() {
        String url = create("as-endpoint", Map.of());
        try (SqsClient direct = sqsClient(java.net.URI.create(url))) {
            direct.sendMessage(r -> r.queueUrl(url).messageBody("via the queue url"));
            assertThat(direct.receiveMessage(r -> r.queueUrl(url)).messages()).extracting(Message::body)
                    .containsExactly("via the queue url");
        }
    }
}
