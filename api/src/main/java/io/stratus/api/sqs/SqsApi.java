package io.stratus.api.sqs;

import io.stratus.api.AwsJsonHandler;
import io.stratus.api.Route;
import java.util.Map;

/**
 * The SQS-compatible API: AWS JSON 1.0 with {@code X-Amz-Target: AmazonSQS.<Operation>}, as current SDKs and the
 * AWS CLI speak it. Standard queues only; FIFO queues are refused with {@code UnsupportedOperation}.
 */
public final class SqsApi {

    /** The X-Amz-Target prefix of SQS. */
    public static final String TARGET_PREFIX = "AmazonSQS";
    /**
     * Requests may carry a 1 MiB batch as JSON, where escaping can grow a body several times (a control character
     * takes six bytes).
     */
    private static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;
    private static final AwsJsonHandler.Protocol JSON_1_0 = new AwsJsonHandler.Protocol(
            "application/x-amz-json-1.0", MAX_REQUEST_BYTES, SqsErrors::render);

    private final QueueOperations queueOps;
    private final MessageOperations messageOps;

    public SqsApi(Queues queues) {
        this.queueOps = new QueueOperations(queues);
        this.messageOps = new MessageOperations(queues, queueOps);
    }

    /** The handler serving every operation. */
    public AwsJsonHandler handler() {
        return new AwsJsonHandler(TARGET_PREFIX, Map.ofEntries(
                Map.entry("CreateQueue", (Route.Operation) queueOps::createQueue),
                Map.entry("GetQueueUrl", queueOps::getQueueUrl),
                Map.entry("ListQueues", queueOps::listQueues),
                Map.entry("DeleteQueue", queueOps::deleteQueue),
                Map.entry("GetQueueAttributes", queueOps::getQueueAttributes),
                Map.entry("SetQueueAttributes", queueOps::setQueueAttributes),
                Map.entry("PurgeQueue", queueOps::purgeQueue),
                Map.entry("TagQueue", queueOps::tagQueue),
                Map.entry("UntagQueue", queueOps::untagQueue),
                Map.entry("ListQueueTags", queueOps::listQueueTags),
                Map.entry("SendMessage", messageOps::sendMessage),
                Map.entry("SendMessageBatch", messageOps::sendMessageBatch),
                Map.entry("ReceiveMessage", messageOps::receiveMessage),
                Map.entry("DeleteMessage", messageOps::deleteMessage),
                Map.entry("DeleteMessageBatch", messageOps::deleteMessageBatch),
                Map.entry("ChangeMessageVisibility", messageOps::changeMessageVisibility),
                Map.entry("ChangeMessageVisibilityBatch", messageOps::changeMessageVisibilityBatch)),
                JSON_1_0);
    }
}
