package io.stratus.api.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.JsonBody;
import io.stratus.api.WireJson;
import io.stratus.store.sqs.QueueStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queue-level operations: create, find, list, delete, attributes, purge and tags. Message traffic is in
 * {@link MessageOperations}.
 */
final class QueueOperations {

    private static final long PURGE_INTERVAL_MS = 60_000;
    /** Attributes SQS computes; requesting them is fine, setting them is not. */
    private static final Set<String> COMPUTED = Set.of("QueueArn", "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp",
            "LastModifiedTimestamp");
    private static final Set<String> OPTIONAL = Set.of(QueueSettings.REDRIVE, "Policy", "RedriveAllowPolicy",
            QueueSettings.KMS_KEY, "KmsDataKeyReusePeriodSeconds");

    private final Queues queues;
    /** When each queue was last purged; SQS allows one purge a minute. Not durable: a restart forgets it. */
    private final Map<String, Long> purges = new ConcurrentHashMap<>();

    QueueOperations(Queues queues) {
        this.queues = queues;
    }

    ApiResponse createQueue(ApiRequest request) {
        JsonBody body = request.json();
        String name = body.string("QueueName").orElseThrow(() -> SqsErrors.missing("QueueName"));
        Map<String, String> given = body.stringMap("Attributes").orElse(Map.of());
        if (name.endsWith(".fifo") || "true".equalsIgnoreCase(given.get("FifoQueue"))) {
            throw SqsErrors.sender("UnsupportedOperation", "FIFO queues are not available in Stratus; create a"
                    + " standard queue (a name without the .fifo suffix and no FifoQueue attribute).");
        }
        if (!QueueAddress.NAME.matcher(name).matches()) {
            throw SqsErrors.invalidParameter("Can only include alphanumeric characters, hyphens, or underscores."
                    + " 1 to 80 in length");
        }
        Map<String, String> attributes = QueueSettings.check(given);
        checkDeadLetterTarget(attributes);
        attributes.values().removeIf(String::isEmpty);
        long now = queues.clock().millis();
        QueueStore.Queue queue = queues.store().createIfAbsent(new QueueStore.Queue(name, attributes,
                body.stringMap("tags").orElse(Map.of()), now, now));
        Map<String, String> existing = QueueSettings.withDefaults(queue.attributes());
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!e.getValue().equals(existing.get(e.getKey()))) {
                // Creating is idempotent only while the attributes asked for are those the queue has.
                throw SqsErrors.sender("QueueNameExists", "A queue already exists with the same name and a"
                        + " different value for attribute " + e.getKey());
            }
        }
        return json(WireJson.object().put("QueueUrl", url(request, name)));
    }

    private void checkDeadLetterTarget(Map<String, String> attributes) {
        String policy = attributes.get(QueueSettings.REDRIVE);
        QueueSettings.redrive(attributes).ifPresent(r -> {
            if (!queues.exists(r.deadLetterTargetArn())) {
                throw QueueSettings.redriveError(policy, "Dead letter target does not exist.");
            }
        });
    }

    ApiResponse getQueueUrl(ApiRequest request) {
        JsonBody body = request.json();
        String name = body.string("QueueName").orElseThrow(() -> SqsErrors.missing("QueueName"));
        if (body.string("QueueOwnerAWSAccountId").filter(a -> !a.equals(queues.address().accountId())).isPresent()) {
            throw SqsErrors.noSuchQueue();
        }
        queues.require(name);
        return json(WireJson.object().put("QueueUrl", url(request, name)));
    }

    ApiResponse listQueues(ApiRequest request) {
        JsonBody body = request.json();
        String prefix = body.string("QueueNamePrefix").orElse("");
        Optional<Long> maxResults = body.integer("MaxResults");
        maxResults.filter(m -> m < 1 || m > 1000).ifPresent(m -> {
            throw SqsErrors.invalidValue(m, "MaxResults", "MaxResults must be an integer between 1 and 1000.");
        });
        Optional<String> after = body.string("NextToken").map(QueueOperations::decodeToken);
        int limit = maxResults.map(Long::intValue).orElse(1000);
        List<QueueStore.Queue> page = queues.store().list(prefix, after, limit + 1);
        ObjectNode out = WireJson.object();
        if (!page.isEmpty()) {
            ArrayNode urls = out.putArray("QueueUrls");
            page.stream().limit(limit).forEach(q -> urls.add(url(request, q.name())));
        }
        if (maxResults.isPresent() && page.size() > limit) {
            out.put("NextToken", Base64.getEncoder().encodeToString(page.get(limit - 1).name()
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return json(out);
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SqsErrors.invalidValue(token, "NextToken", "Invalid or expired next token.");
        }
    }

    ApiResponse deleteQueue(ApiRequest request) {
        String name = queueName(request.json());
        queues.delete(name);
        purges.remove(name);
        return json(WireJson.object());
    }

    ApiResponse getQueueAttributes(ApiRequest request) {
        JsonBody body = request.json();
        QueueStore.Queue queue = queues.require(queueName(body));
        List<String> names = body.strings("AttributeNames").orElse(List.of());
        for (String n : names) {
            if (!n.equals("All") && !COMPUTED.contains(n) && !OPTIONAL.contains(n)
                    && QueueSettings.withDefaults(Map.of()).get(n) == null) {
                throw SqsErrors.unknownAttribute(n);
            }
        }
        boolean all = names.contains("All");
        Map<String, String> values = all || names.stream().anyMatch(COMPUTED::contains)
                ? attributes(queue) : QueueSettings.withDefaults(queue.attributes());
        ObjectNode out = WireJson.object();
        ObjectNode attrs = WireJson.object();
        values.forEach((n, v) -> {
            if (all || names.contains(n)) {
                attrs.put(n, v);
            }
        });
        if (!attrs.isEmpty()) {
            out.set("Attributes", attrs);
        }
        return json(out);
    }

    private Map<String, String> attributes(QueueStore.Queue queue) {
        Map<String, String> values = new LinkedHashMap<>(QueueSettings.withDefaults(queue.attributes()));
        QueueStore.Counts counts = queues.store().counts(queue.name(), queues.clock().millis());
        values.put("QueueArn", queues.address().arn(queue.name()));
        values.put("ApproximateNumberOfMessages", String.valueOf(counts.visible()));
        values.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(counts.inFlight()));
        values.put("ApproximateNumberOfMessagesDelayed", String.valueOf(counts.delayed()));
        values.put("CreatedTimestamp", String.valueOf(queue.createdMs() / 1000));
        values.put("LastModifiedTimestamp", String.valueOf(queue.modifiedMs() / 1000));
        return values;
    }

    ApiResponse setQueueAttributes(ApiRequest request) {
        JsonBody body = request.json();
        QueueStore.Queue queue = queues.require(queueName(body));
        Map<String, String> given = body.stringMap("Attributes").orElse(Map.of());
        if (given.containsKey("FifoQueue") || given.containsKey("ContentBasedDeduplication")) {
            throw SqsErrors.unknownAttribute(given.containsKey("FifoQueue") ? "FifoQueue"
                    : "ContentBasedDeduplication");
        }
        Map<String, String> update = QueueSettings.check(given);
        checkDeadLetterTarget(update);
        queues.store().setAttributes(queue.name(), QueueSettings.merge(queue.attributes(), update),
                queues.clock().millis());
        return json(WireJson.object());
    }

    ApiResponse purgeQueue(ApiRequest request) {
        String name = queues.require(queueName(request.json())).name();
        long now = queues.clock().millis();
        Long last = purges.get(name);
        if (last != null && now - last < PURGE_INTERVAL_MS) {
            throw SqsErrors.sender("PurgeQueueInProgress", "Only one PurgeQueue operation on " + name
                    + " is allowed every 60 seconds.");
        }
        purges.put(name, now);
        queues.store().purge(name);
        return json(WireJson.object());
    }

    ApiResponse tagQueue(ApiRequest request) {
        JsonBody body = request.json();
        QueueStore.Queue queue = queues.require(queueName(body));
        Map<String, String> tags = new LinkedHashMap<>(queue.tags());
        tags.putAll(body.stringMap("Tags").orElseThrow(() -> SqsErrors.missing("Tags")));
        queues.store().setTags(queue.name(), tags);
        return json(WireJson.object());
    }

    ApiResponse untagQueue(ApiRequest request) {
        JsonBody body = request.json();
        QueueStore.Queue queue = queues.require(queueName(body));
        Map<String, String> tags = new LinkedHashMap<>(queue.tags());
        body.strings("TagKeys").orElseThrow(() -> SqsErrors.missing("TagKeys")).forEach(tags::remove);
        queues.store().setTags(queue.name(), tags);
        return json(WireJson.object());
    }

    ApiResponse listQueueTags(ApiRequest request) {
        QueueStore.Queue queue = queues.require(queueName(request.json()));
        ObjectNode out = WireJson.object();
        if (!queue.tags().isEmpty()) {
            ObjectNode tags = out.putObject("Tags");
            queue.tags().forEach(tags::put);
        }
        return json(out);
    }

    /** The queue a request's {@code QueueUrl} names. */
    String queueName(JsonBody body) {
        return queues.address().nameOfUrl(body.string("QueueUrl").orElseThrow(() -> SqsErrors.missing("QueueUrl")));
    }

    private String url(ApiRequest request, String name) {
        return queues.address().url(request.header("host").orElse("localhost"), name);
    }

    static ApiResponse json(ObjectNode body) {
        return ApiResponse.json(200, body);
    }
}
