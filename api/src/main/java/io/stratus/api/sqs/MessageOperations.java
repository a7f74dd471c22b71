package io.stratus.api.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.JsonBody;
import io.stratus.api.WireJson;
import io.stratus.model.error.AwsException;
import io.stratus.store.sqs.QueueStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message operations: send, receive, delete and change visibility, one at a time and in batches. Batch entries
 * fail one by one (reported in {@code Failed}); only a malformed batch fails the whole request.
 */
final class MessageOperations {

    private static final int MAX_VISIBILITY = 43_200;
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final Pattern GROUP_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");
    private static final List<String> RECEIVE_ATTRIBUTES = List.of("ApproximateFirstReceiveTimestamp",
            "ApproximateReceiveCount", "SenderId", "SentTimestamp");

    private final Queues queues;
    private final QueueOperations queueOps;

    MessageOperations(Queues queues, QueueOperations queueOps) {
        this.queues = queues;
        this.queueOps = queueOps;
    }

    ApiResponse sendMessage(ApiRequest request) {
        JsonBody body = request.json();
        QueueStore.Queue queue = queues.require(queueOps.queueName(body));
        Queues.Sent sent = queues.send(queue, List.of(outgoing(body, sender(request)))).getFirst();
        return QueueOperations.json(sentEntry(sent, WireJson.object()));
    }

    ApiResponse sendMessageBatch(ApiRequest request) {
        JsonBody body = request.json();
        QueueStore.Queue queue = queues.require(queueOps.queueName(body));
        List<JsonBody> entries = Batch.entries(body, "SendMessageBatchRequestEntry");
        String sender = sender(request);
        List<Queues.Outgoing> messages = new ArrayList<>();
        long total = 0;
        for (JsonBody entry : entries) {
            Queues.Outgoing message = parseLeniently(entry, sender);
            messages.add(message);
            total += message == null ? 0 : Queues.size(message);
        }
        if (total > QueueSettings.MAX_MESSAGE_BYTES) {
            throw SqsErrors.sender("BatchRequestTooLong", "Batch requests cannot be longer than "
                    + QueueSettings.MAX_MESSAGE_BYTES + " bytes. You have sent " + total + " bytes.");
        }
        Batch batch = new Batch();
        List<Queues.Prepared> ready = new ArrayList<>();
        List<ObjectNode> successful = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonBody entry = entries.get(i);
            String id = Batch.id(entry);
            Queues.Outgoing parsed = messages.get(i);
            batch.run(id, () -> {
                // An entry that did not parse is parsed again here, so that its error becomes its failure.
                Queues.Outgoing message = parsed != null ? parsed : outgoing(entry, sender);
                Queues.Prepared prepared = queues.prepare(queue, message);
                ready.add(prepared);
                successful.add(sentEntry(prepared.sent(), WireJson.object().put("Id", id)));
            }, "cannot be validated");
        }
        queues.store(queue, ready);
        successful.forEach(batch::succeeded);
        return QueueOperations.json(batch.result());
    }

    private Queues.Outgoing parseLeniently(JsonBody entry, String sender) {
        try {
            return outgoing(entry, sender);
        } catch (AwsException e) {
            return null;
        }
    }

    private static ObjectNode sentEntry(Queues.Sent sent, ObjectNode o) {
        o.put("MessageId", sent.messageId());
        o.put("MD5OfMessageBody", sent.md5OfBody());
        sent.md5OfAttributes().ifPresent(md5 -> o.put("MD5OfMessageAttributes", md5));
        return o;
    }

    private Queues.Outgoing outgoing(JsonBody body, String sender) {
        String text = body.string("MessageBody").orElseThrow(() -> SqsErrors.missing("MessageBody"));
        Map<String, String> system = new LinkedHashMap<>();
        system.put("SenderId", sender);
        Map<String, MessageAttribute> systemAttributes = MessageAttribute.parse(
                body.objectMap("MessageSystemAttributes"));
        systemAttributes.forEach((name, a) -> {
            if (!name.equals("AWSTraceHeader")) {
                throw SqsErrors.invalidParameter("Message system attribute name '" + name + "' is invalid.");
            }
            system.put(name, a.stringValue().orElse(""));
        });
        body.string("MessageGroupId").ifPresent(group -> {
            if (!GROUP_ID.matcher(group).matches()) {
                throw SqsErrors.invalidValue(group, "MessageGroupId", "MessageGroupId can only include"
                        + " alphanumeric and punctuation characters. 1 to 128 in length.");
            }
            system.put("MessageGroupId", group);
        });
        body.string("MessageDeduplicationId").ifPresent(id -> {
            throw SqsErrors.invalidValue(id, "MessageDeduplicationId", "The request include parameter that is not"
                    + " valid for this queue type.");
        });
        Optional<Integer> delay = body.integer("DelaySeconds").map(Long::intValue);
        return new Queues.Outgoing(text, MessageAttribute.parse(body.objectMap("MessageAttributes")), delay, system);
    }

    /** The access key id of the request's signature, SQS's {@code SenderId}; the account id when unsigned. */
    private String sender(ApiRequest request) {
        return request.header("authorization").map(CREDENTIAL::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).orElse(queues.address().accountId());
    }

    ApiResponse receiveMessage(ApiRequest request) {
        JsonBody body = request.json();
        QueueStore.Queue queue = queues.require(queueOps.queueName(body));
        long max = body.integer("MaxNumberOfMessages").orElse(1L);
        if (max < 1 || max > 10) {
            throw SqsErrors.invalidValue(max, "MaxNumberOfMessages", "Must be between 1 and 10, if provided.");
        }
        long wait = body.integer("WaitTimeSeconds").orElse((long) QueueSettings.intValue(queue.attributes(),
                QueueSettings.WAIT));
        if (wait < 0 || wait > 20) {
            throw SqsErrors.invalidValue(wait, "WaitTimeSeconds", "Must be >= 0 and <= 20, if provided.");
        }
        long visibility = body.integer("VisibilityTimeout").orElse((long) QueueSettings.intValue(
                queue.attributes(), QueueSettings.VISIBILITY));
        if (visibility < 0 || visibility > MAX_VISIBILITY) {
            throw SqsErrors.invalidValue(visibility, "VisibilityTimeout", "Must be >= 0 and <= " + MAX_VISIBILITY
                    + ", if provided.");
        }
        Set<String> systemNames = new LinkedHashSet<>(body.strings("AttributeNames").orElse(List.of()));
        systemNames.addAll(body.strings("MessageSystemAttributeNames").orElse(List.of()));
        List<String> attributeNames = body.strings("MessageAttributeNames").orElse(List.of());
        List<QueueStore.StoredMessage> received = queues.receive(queue, (int) max, (int) visibility, (int) wait);
        ObjectNode out = WireJson.object();
        if (!received.isEmpty()) {
            ArrayNode messages = out.putArray("Messages");
            received.forEach(m -> messages.add(render(queue.name(), m, systemNames, attributeNames)));
        }
        return QueueOperations.json(out);
    }

    private static ObjectNode render(String queue, QueueStore.StoredMessage m, Set<String> systemNames,
                                     List<String> attributeNames) {
        ObjectNode o = WireJson.object();
        o.put("MessageId", m.id());
        o.put("ReceiptHandle", new ReceiptHandle(queue, m.seq(), m.receipt()).encode());
        o.put("MD5OfBody", MessageAttribute.md5Hex(m.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        o.put("Body", m.body());
        Map<String, String> system = systemAttributes(m);
        ObjectNode attributes = WireJson.object();
        boolean all = systemNames.contains("All");
        system.forEach((name, value) -> {
            if (all || systemNames.contains(name)) {
                attributes.put(name, value);
            }
        });
        if (!attributes.isEmpty()) {
            o.set("Attributes", attributes);
        }
        Map<String, MessageAttribute> selected = MessageAttribute.select(MessageAttribute.read(m.attributes()),
                attributeNames);
        MessageAttribute.md5(selected).ifPresent(md5 -> {
            o.put("MD5OfMessageAttributes", md5);
            o.set("MessageAttributes", MessageAttribute.render(selected));
        });
        return o;
    }

    private static Map<String, String> systemAttributes(QueueStore.StoredMessage m) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(RECEIVE_ATTRIBUTES.get(0), String.valueOf(m.firstReceiveMs()));
        out.put(RECEIVE_ATTRIBUTES.get(1), String.valueOf(m.receiveCount()));
        out.put(RECEIVE_ATTRIBUTES.get(3), String.valueOf(m.sentMs()));
        try {
            for (Map.Entry<String, JsonNode> e : WireJson.MAPPER.readTree(m.systemAttributes()).properties()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored system attributes are not JSON", e);
        }
        return out;
    }

    ApiResponse deleteMessage(ApiRequest request) {
        return single(request, this::delete);
    }

    ApiResponse deleteMessageBatch(ApiRequest request) {
        return eachEntry(request, "DeleteMessageBatchRequestEntry", this::delete);
    }

    ApiResponse changeMessageVisibility(ApiRequest request) {
        return single(request, this::changeVisibility);
    }

    ApiResponse changeMessageVisibilityBatch(ApiRequest request) {
        return eachEntry(request, "ChangeMessageVisibilityBatchRequestEntry", this::changeVisibility);
    }

    /** Runs an action on the request's queue and body; answers {@code {}}. */
    private ApiResponse single(ApiRequest request, BiConsumer<String, JsonBody> action) {
        JsonBody body = request.json();
        action.accept(queues.require(queueOps.queueName(body)).name(), body);
        return QueueOperations.json(WireJson.object());
    }

    /** Runs an action on each entry of a batch request; answers with each entry's success or failure. */
    private ApiResponse eachEntry(ApiRequest request, String entryShape, BiConsumer<String, JsonBody> action) {
        JsonBody body = request.json();
        String queue = queues.require(queueOps.queueName(body)).name();
        Batch batch = new Batch();
        for (JsonBody entry : Batch.entries(body, entryShape)) {
            String id = Batch.id(entry);
            batch.run(id, () -> {
                action.accept(queue, entry);
                batch.succeeded(WireJson.object().put("Id", id));
            }, "");
        }
        return QueueOperations.json(batch.result());
    }

    /** Deletes by receipt handle; a message already gone is not an error, as in SQS. */
    private void delete(String queue, JsonBody body) {
        String handle = body.string("ReceiptHandle").orElseThrow(() -> SqsErrors.missing("ReceiptHandle"));
        queues.store().deleteMessage(queue, ReceiptHandle.decode(handle, queue).seq());
    }

    private void changeVisibility(String queue, JsonBody body) {
        String handle = body.string("ReceiptHandle").orElseThrow(() -> SqsErrors.missing("ReceiptHandle"));
        long timeout = body.integer("VisibilityTimeout").orElseThrow(() -> SqsErrors.missing("VisibilityTimeout"));
        if (timeout < 0 || timeout > MAX_VISIBILITY) {
            throw SqsErrors.invalidValue(timeout, "VisibilityTimeout", "VisibilityTimeout must be an integer"
                    + " between 0 and " + MAX_VISIBILITY + ".");
        }
        ReceiptHandle receipt = ReceiptHandle.decode(handle, queue);
        QueueStore.VisibilityChange change = queues.store().changeVisibility(queue, receipt.seq(), receipt.token(),
                queues.clock().millis() + timeout * 1000);
        switch (change) {
            case NO_SUCH_MESSAGE -> throw SqsErrors.invalidValue(handle, "ReceiptHandle", "Message does not exist"
                    + " or is not available for visibility timeout change.");
            case RECEIPT_EXPIRED -> throw SqsErrors.invalidValue(handle, "ReceiptHandle",
                    "The receipt handle has expired.");
            case CHANGED -> {
                if (timeout == 0) {
                    queues.changed(queue);
                }
            }
        }
    }

    /** A batch request's entries and results. */
    private static final class Batch {

        private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_-]{1,80}");

        private final ArrayNode successful = WireJson.MAPPER.createArrayNode();
        private final ArrayNode failed = WireJson.MAPPER.createArrayNode();

        /** The entries of a batch, checked as SQS checks them before running any. */
        static List<JsonBody> entries(JsonBody body, String entryShape) {
            List<JsonBody> entries = body.objects("Entries").orElse(List.of());
            if (entries.isEmpty()) {
                throw SqsErrors.sender("EmptyBatchRequest", "There should be at least one " + entryShape
                        + " in the request.");
            }
            if (entries.size() > 10) {
                throw SqsErrors.sender("TooManyEntriesInBatchRequest", "Maximum number of entries per request are"
                        + " 10. You have sent " + entries.size() + ".");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (JsonBody entry : entries) {
                String id = entry.string("Id").orElse("");
                if (!ID.matcher(id).matches()) {
                    throw SqsErrors.sender("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric"
                            + " characters, hyphens and underscores. It can be at most 80 letters long.");
                }
                if (!ids.add(id)) {
                    throw SqsErrors.sender("BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
                }
            }
            return entries;
        }

        static String id(JsonBody entry) {
            return entry.string("Id").orElseThrow();
        }

        /**
         * Runs one entry; its client error becomes a failed entry.
         *
         * @param validationWording SQS words the size error of a batch entry "cannot be validated" instead of
         *                          "are invalid"; empty for no rewording
         */
        void run(String id, Runnable entry, String validationWording) {
            try {
                entry.run();
            } catch (AwsException e) {
                if (!e.userFault()) {
                    throw e;
                }
                String message = e.getMessage();
                if (!validationWording.isEmpty() && message != null) {
                    message = message.replace("One or more parameters are invalid.",
                            "One or more parameters " + validationWording + ".");
                }
                ObjectNode f = failed.addObject();
                f.put("Id", id);
                f.put("SenderFault", true);
                f.put("Code", SqsErrors.queryCode(e));
                f.put("Message", message);
            }
        }

        void succeeded(ObjectNode entry) {
            successful.add(entry);
        }

        ObjectNode result() {
            ObjectNode o = WireJson.object();
            o.set("Successful", successful);
            o.set("Failed", failed);
            return o;
        }
    }
}
