package io.stratus.api.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import io.stratus.model.error.ServiceError;
import io.stratus.model.function.Partition;
import io.stratus.store.sqs.QueueStore;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The queues of this server: what SQS does to them, apart from the wire format. The API operations and other
 * services (Lambda's dead-letter queues and destinations) both go through here, so every message is checked, stored
 * and announced to long-polling receivers the same way.
 *
 * <p>Design: messages live only in the store (committed before a send returns), so a receive is one transaction
 * that picks visible messages and makes them invisible. A receive that finds nothing and may wait sleeps on
 * {@link QueueWaiters} until a send to that queue, the moment the next delayed or in-flight message becomes
 * visible, or its deadline, whichever is first; it never polls the store on a timer. Thread-safe: state is in the
 * store, and the waiters guard their own.
 */
public final class Queues implements AutoCloseable {

    /**
     * A text message attribute set by another service.
     *
     * @param dataType {@code String} or {@code Number}
     * @param value    the value (not empty)
     */
    public record TextAttribute(String dataType, String value) {
    }

    /**
     * A message to send.
     *
     * @param body             the body
     * @param attributes       message attributes
     * @param delaySeconds     its own delay, instead of the queue's
     * @param systemAttributes system attributes to keep (SenderId, AWSTraceHeader)
     */
    record Outgoing(String body, Map<String, MessageAttribute> attributes, Optional<Integer> delaySeconds,
                    Map<String, String> systemAttributes) {
    }

    /**
     * A stored message, as SendMessage reports it.
     *
     * @param messageId         the new id
     * @param md5OfBody         MD5 of the body
     * @param md5OfAttributes   MD5 of the message attributes, when it has any
     */
    record Sent(String messageId, String md5OfBody, Optional<String> md5OfAttributes) {
    }

    private static final String VALID_CHARACTERS = "#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD"
            + " | #x10000 to #x10FFFF";

    private final QueueStore store;
    private final QueueAddress address;
    private final InstantSource clock;
    private final QueueWaiters waiters = new QueueWaiters();

    /**
     * @param store     durable queues and messages
     * @param partition the account and region in queue URLs and ARNs
     * @param clock     the time of sends, receives and visibility timeouts
     */
    public Queues(QueueStore store, Partition partition, InstantSource clock) {
        this.store = store;
        this.address = new QueueAddress(partition);
        this.clock = clock;
    }

    QueueAddress address() {
        return address;
    }

    InstantSource clock() {
        return clock;
    }

    QueueStore store() {
        return store;
    }

    /** Whether {@code queueArn} names an existing queue of this server. */
    public boolean exists(String queueArn) {
        return address.nameOfArn(queueArn).flatMap(store::get).isPresent();
    }

    /**
     * Sends a message on behalf of another service of this server (no sender credentials).
     *
     * @return the message id
     * @throws ServiceError QueueDoesNotExist when the queue is gone; InvalidParameterValue when the message breaks
     *                      the queue's limits
     */
    public String send(String queueArn, String body, Map<String, TextAttribute> attributes) {
        String name = address.nameOfArn(queueArn).orElseThrow(SqsErrors::noSuchQueue);
        Map<String, MessageAttribute> typed = new LinkedHashMap<>();
        attributes.forEach((key, a) -> typed.put(key, new MessageAttribute(a.dataType(), Optional.of(a.value()),
                Optional.empty())));
        Outgoing message = new Outgoing(body, typed, Optional.empty(), Map.of("SenderId", address.accountId()));
        return send(require(name), List.of(message)).getFirst().messageId();
    }

    /** The queue, or QueueDoesNotExist. */
    QueueStore.Queue require(String name) {
        return store.get(name).orElseThrow(SqsErrors::noSuchQueue);
    }

    /**
     * A checked message ready to store, and what SendMessage reports for it.
     *
     * @param message the message to store
     * @param sent    its id and digests
     */
    record Prepared(QueueStore.NewMessage message, Sent sent) {
    }

    /**
     * Checks one message against the queue's limits and makes it ready to store.
     *
     * @throws ServiceError MissingParameter, InvalidMessageContents or InvalidParameterValue
     */
    Prepared prepare(QueueStore.Queue queue, Outgoing message) {
        if (message.body().isEmpty()) {
            throw SqsErrors.missing("MessageBody");
        }
        if (!validCharacters(message.body())) {
            throw SqsErrors.sender("InvalidMessageContents", "Invalid characters found. Valid unicode characters are "
                    + VALID_CHARACTERS);
        }
        int max = QueueSettings.intValue(queue.attributes(), QueueSettings.MAX_SIZE);
        if (size(message) > max) {
            throw SqsErrors.invalidParameter("One or more parameters are invalid. Reason: Message must be shorter"
                    + " than " + max + " bytes.");
        }
        int delay = message.delaySeconds().orElse(QueueSettings.intValue(queue.attributes(), QueueSettings.DELAY));
        if (delay < 0 || delay > 900) {
            throw SqsErrors.invalidValue(delay, "DelaySeconds", "DelaySeconds must be >= 0 and <= 900.");
        }
        long now = clock.millis();
        QueueStore.NewMessage stored = new QueueStore.NewMessage(UUID.randomUUID().toString(), message.body(),
                MessageAttribute.render(message.attributes()).toString(), systemAttributes(message), now,
                now + delay * 1000L);
        return new Prepared(stored, new Sent(stored.id(),
                MessageAttribute.md5Hex(message.body().getBytes(StandardCharsets.UTF_8)),
                MessageAttribute.md5(message.attributes())));
    }

    static long size(Outgoing message) {
        return message.body().getBytes(StandardCharsets.UTF_8).length + MessageAttribute.size(message.attributes());
    }

    private static String systemAttributes(Outgoing message) {
        ObjectNode o = WireJson.object();
        message.systemAttributes().forEach(o::put);
        return o.toString();
    }

    /** Checks and stores messages together and wakes the queue's receivers. */
    List<Sent> send(QueueStore.Queue queue, List<Outgoing> messages) {
        List<Prepared> ready = messages.stream().map(m -> prepare(queue, m)).toList();
        store(queue, ready);
        return ready.stream().map(Prepared::sent).toList();
    }

    /** Stores checked messages together (all or none) and wakes the queue's receivers. */
    void store(QueueStore.Queue queue, List<Prepared> ready) {
        if (ready.isEmpty()) {
            return;
        }
        if (!store.send(queue.name(), ready.stream().map(Prepared::message).toList())) {
            throw SqsErrors.noSuchQueue();
        }
        if (ready.stream().anyMatch(p -> p.message().visibleMs() <= p.message().sentMs())) {
            waiters.changed(queue.name());
        }
    }

    /**
     * Receives up to {@code max} messages, waiting up to {@code waitSeconds} for the first one.
     *
     * @param visibilitySeconds how long the received messages stay invisible
     */
    List<QueueStore.StoredMessage> receive(QueueStore.Queue queue, int max, int visibilitySeconds, int waitSeconds) {
        long deadline = System.nanoTime() + QueueWaiters.nanos(waitSeconds * 1000L);
        while (true) {
            long seen = waiters.version(queue.name());
            List<QueueStore.StoredMessage> got = receiveNow(queue, max, visibilitySeconds);
            long left = deadline - System.nanoTime();
            if (!got.isEmpty() || left <= 0) {
                return got;
            }
            long now = clock.millis();
            long untilVisible = store.nextVisibleMs(queue.name(), now).orElse(Long.MAX_VALUE);
            long sleep = Math.min(left, QueueWaiters.nanos(untilVisible - now));
            try {
                if (!waiters.await(queue.name(), seen, sleep)) {
                    return List.of();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
            if (store.get(queue.name()).isEmpty()) {
                throw SqsErrors.noSuchQueue();
            }
        }
    }

    private List<QueueStore.StoredMessage> receiveNow(QueueStore.Queue queue, int max, int visibilitySeconds) {
        long now = clock.millis();
        long retentionMs = QueueSettings.intValue(queue.attributes(), QueueSettings.RETENTION) * 1000L;
        Optional<QueueStore.Redrive> redrive = QueueSettings.redrive(queue.attributes()).flatMap(r ->
                address.nameOfArn(r.deadLetterTargetArn()).map(dlq -> new QueueStore.Redrive(dlq,
                        r.maxReceiveCount(), stored -> withSource(stored, address.arn(queue.name())))));
        QueueStore.Received received = store.receive(new QueueStore.ReceiveRequest(queue.name(), now, max,
                now + visibilitySeconds * 1000L, now - retentionMs, redrive));
        if (received.moved() > 0) {
            waiters.changed(redrive.orElseThrow().deadLetterQueue());
        }
        return received.messages();
    }

    private static String withSource(String systemAttributes, String sourceArn) {
        try {
            ObjectNode o = (ObjectNode) WireJson.MAPPER.readTree(systemAttributes);
            o.put("DeadLetterQueueSourceArn", sourceArn);
            return o.toString();
        } catch (java.io.IOException | ClassCastException e) {
            throw new IllegalStateException("stored system attributes are not a JSON object", e);
        }
    }

    /** Deletes a queue and its messages, and sends its waiting receivers away. */
    void delete(String name) {
        if (!store.delete(name)) {
            throw SqsErrors.noSuchQueue();
        }
        waiters.changed(name);
    }

    /** Wakes receivers of a queue whose messages became visible outside a send (visibility set to 0). */
    void changed(String name) {
        waiters.changed(name);
    }

    private static boolean validCharacters(String body) {
        return body.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF));
    }

    /** Sends every waiting receiver home with what it has (nothing): the server stops. */
    @Override
    public void close() {
        waiters.close();
    }
}
