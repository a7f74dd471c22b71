package io.stratus.store.sqs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Durable queues and messages. Every method is one transaction; a message is durable once {@link #send} returns.
 * Times are epoch milliseconds. Message contents (body, attribute encodings) are opaque strings here.
 */
public interface QueueStore {

    /** Creates a queue unless one has that name; returns the queue that exists afterwards, new or old. */
    Queue createIfAbsent(Queue queue);

    Optional<Queue> get(String name);

    /** Queues whose names start with {@code prefix}, in name order, after {@code afterName} (exclusive). */
    List<Queue> list(String prefix, Optional<String> afterName, int limit);

    /** Deletes a queue and its messages; false when it did not exist. */
    boolean delete(String name);

    /** Replaces a queue's attributes; false when it does not exist. */
    boolean setAttributes(String name, Map<String, String> attributes, long nowMs);

    /** Replaces a queue's tags; false when it does not exist. */
    boolean setTags(String name, Map<String, String> tags);

    /** Stores messages together (all or none); false, storing none, when the queue does not exist. */
    boolean send(String queueName, List<NewMessage> messages);

    /**
     * Receives up to {@code max} messages visible at {@code nowMs}: each becomes invisible until
     * {@code visibleUntilMs}, counts one more receive and gets a new receipt token. Messages older than the
     * retention cutoff are deleted instead, and with a redrive policy a message already received
     * {@code maxReceiveCount} times moves to the dead-letter queue (when that queue exists).
     */
    Received receive(ReceiveRequest request);

    /** Deletes a message by its sequence number; false when the queue does not hold it. */
    boolean deleteMessage(String queueName, long seq);

    /**
     * Sets when a received message becomes visible again, if {@code receipt} is its latest receipt.
     *
     * @return what was found
     */
    VisibilityChange changeVisibility(String queueName, long seq, String receipt, long visibleAtMs);

    /** Deletes every message of a queue. */
    void purge(String queueName);

    /** Message counts at {@code nowMs}. */
    Counts counts(String queueName, long nowMs);

    /** The earliest time after {@code nowMs} a message of the queue becomes visible, if any. */
    OptionalLong nextVisibleMs(String queueName, long nowMs);

    /**
     * A queue.
     *
     * @param name       its name
     * @param attributes the attributes clients set, by AWS name, as strings
     * @param tags       its tags
     * @param createdMs  when it was created
     * @param modifiedMs when its attributes last changed
     */
    record Queue(String name, Map<String, String> attributes, Map<String, String> tags, long createdMs,
                 long modifiedMs) {
        public Queue {
            attributes = Map.copyOf(attributes);
            tags = Map.copyOf(tags);
        }
    }

    /**
     * A message to store.
     *
     * @param id               the message id
     * @param body             the body
     * @param attributes       the message attributes, encoded by the caller
     * @param systemAttributes system attributes kept with the message (sender, trace header), encoded by the caller
     * @param sentMs           when it was sent
     * @param visibleMs        when it may first be received (the send time plus its delay)
     */
    record NewMessage(String id, String body, String attributes, String systemAttributes, long sentMs,
                      long visibleMs) {
    }

    /**
     * A received message.
     *
     * @param seq              its sequence number, for receipt handles
     * @param receipt          the token of this receive
     * @param id               the message id
     * @param body             the body
     * @param attributes       message attributes as stored
     * @param systemAttributes system attributes as stored (a redriven message has its source queue added)
     * @param sentMs           when it was first sent
     * @param receiveCount     receives so far, this one included
     * @param firstReceiveMs   when it was first received
     */
    record StoredMessage(long seq, String receipt, String id, String body, String attributes,
                         String systemAttributes, long sentMs, int receiveCount, long firstReceiveMs) {
    }

    /**
     * What ReceiveMessage asks of the store.
     *
     * @param queueName         the queue
     * @param nowMs             the current time
     * @param max               at most this many messages
     * @param visibleUntilMs    when the received messages become visible again
     * @param retentionCutoffMs messages sent before this are deleted, not received
     * @param redrive           the queue's redrive policy, if any
     */
    record ReceiveRequest(String queueName, long nowMs, int max, long visibleUntilMs, long retentionCutoffMs,
                          Optional<Redrive> redrive) {
    }

    /**
     * Where messages received too often go.
     *
     * @param deadLetterQueue  the dead-letter queue's name
     * @param maxReceiveCount  receives after which a message moves there
     * @param moveAttributes   system attributes of a moved message, from the stored ones (the caller adds the
     *                         source queue's ARN)
     */
    record Redrive(String deadLetterQueue, int maxReceiveCount, UnaryOperator<String> moveAttributes) {
    }

    /**
     * The result of a receive.
     *
     * @param messages the received messages
     * @param moved    how many messages moved to the dead-letter queue meanwhile
     */
    record Received(List<StoredMessage> messages, int moved) {
    }

    /** What {@link #changeVisibility} found. */
    enum VisibilityChange { CHANGED, NO_SUCH_MESSAGE, RECEIPT_EXPIRED }

    /**
     * Message counts.
     *
     * @param visible    messages that can be received now
     * @param inFlight   received messages whose visibility timeout runs
     * @param delayed    messages not yet received whose delay runs
     */
    record Counts(long visible, long inFlight, long delayed) {
    }
}
