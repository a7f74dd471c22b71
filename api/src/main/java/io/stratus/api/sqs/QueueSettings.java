package io.stratus.api.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes a client sets on a standard queue: their ranges and defaults, checked on CreateQueue and
 * SetQueueAttributes with SQS's errors. Values stay strings, as on the wire; the redrive policy is normalized to
 * {@code {"deadLetterTargetArn":"…","maxReceiveCount":N}}, the form GetQueueAttributes returns.
 */
final class QueueSettings {

    static final String DELAY = "DelaySeconds";
    static final String MAX_SIZE = "MaximumMessageSize";
    static final String RETENTION = "MessageRetentionPeriod";
    static final String WAIT = "ReceiveMessageWaitTimeSeconds";
    static final String VISIBILITY = "VisibilityTimeout";
    static final String REDRIVE = "RedrivePolicy";
    static final String SSE = "SqsManagedSseEnabled";
    static final String KMS_KEY = "KmsMasterKeyId";
    /** The largest message (and batch) SQS accepts, 1 MiB since 2025 as the recordings show. */
    static final int MAX_MESSAGE_BYTES = 1_048_576;

    private record Range(long min, long max) {
    }

    private static final Map<String, Range> RANGES = Map.of(
            DELAY, new Range(0, 900),
            MAX_SIZE, new Range(1024, MAX_MESSAGE_BYTES),
            RETENTION, new Range(60, 1_209_600),
            WAIT, new Range(0, 20),
            VISIBILITY, new Range(0, 43_200),
            "KmsDataKeyReusePeriodSeconds", new Range(60, 86_400));
    /** Settable attributes whose value is free text. */
    private static final List<String> TEXT = List.of("Policy", "RedriveAllowPolicy", KMS_KEY);
    private static final Map<String, String> DEFAULTS = Map.of(DELAY, "0", MAX_SIZE, String.valueOf(MAX_MESSAGE_BYTES),
            RETENTION, "345600", WAIT, "0", VISIBILITY, "30", SSE, "true");

    /**
     * The redrive policy of a queue.
     *
     * @param deadLetterTargetArn the dead-letter queue's ARN
     * @param maxReceiveCount     receives after which a message moves there
     */
    record Redrive(String deadLetterTargetArn, int maxReceiveCount) {
    }

    private QueueSettings() {
    }

    /**
     * Checks attributes a client sent and returns them normalized (an empty {@code RedrivePolicy} stays empty: it
     * removes the policy).
     *
     * @throws io.stratus.model.error.ServiceError InvalidAttributeName or InvalidAttributeValue, naming the first
     *                                             bad attribute
     */
    static Map<String, String> check(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name.equals("DeduplicationScope") || name.equals("FifoThroughputLimit")) {
                throw SqsErrors.sender("InvalidAttributeName", "You can specify the " + name
                        + " only when FifoQueue is set to true.");
            } else if (RANGES.containsKey(name)) {
                out.put(name, String.valueOf(integer(name, value, RANGES.get(name))));
            } else if (name.equals(SSE)) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw SqsErrors.invalidAttributeValue(name);
                }
                out.put(name, value);
            } else if (name.equals(REDRIVE)) {
                out.put(name, value.isEmpty() ? "" : render(parseRedrive(value)));
            } else if (TEXT.contains(name)) {
                out.put(name, value);
            } else {
                throw SqsErrors.unknownAttribute(name);
            }
        }
        if (out.containsKey(KMS_KEY) && !out.containsKey(SSE)) {
            // A customer key replaces SQS-managed encryption, as SQS reports it.
            out.put(SSE, "false");
        }
        return out;
    }

    /** Stored attributes merged with an update; an empty value removes an optional attribute. */
    static Map<String, String> merge(Map<String, String> stored, Map<String, String> update) {
        Map<String, String> out = new LinkedHashMap<>(stored);
        update.forEach((name, value) -> {
            if (value.isEmpty() && !RANGES.containsKey(name)) {
                out.remove(name);
            } else {
                out.put(name, value);
            }
        });
        return out;
    }

    /** The value of an attribute, or its default. */
    static String value(Map<String, String> attributes, String name) {
        return attributes.getOrDefault(name, DEFAULTS.get(name));
    }

    static int intValue(Map<String, String> attributes, String name) {
        return Integer.parseInt(value(attributes, name));
    }

    /** Every attribute with a value: stored ones over the defaults. */
    static Map<String, String> withDefaults(Map<String, String> attributes) {
        Map<String, String> out = new LinkedHashMap<>(DEFAULTS);
        out.putAll(attributes);
        return out;
    }

    /** The queue's redrive policy, if it has one. */
    static Optional<Redrive> redrive(Map<String, String> attributes) {
        String policy = attributes.get(REDRIVE);
        return policy == null || policy.isEmpty() ? Optional.empty() : Optional.of(parseRedrive(policy));
    }

    private static long integer(String name, String value, Range range) {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= range.min() && v <= range.max()) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same error as an out-of-range number.
        }
        throw SqsErrors.invalidAttributeValue(name);
    }

    private static Redrive parseRedrive(String policy) {
        JsonNode node;
        try {
            node = WireJson.MAPPER.readTree(policy);
        } catch (IOException e) {
            throw redriveError(policy, "Redrive policy is not a valid JSON map.");
        }
        if (node == null || !node.isObject()) {
            throw redriveError(policy, "Redrive policy is not a valid JSON map.");
        }
        JsonNode arn = node.get("deadLetterTargetArn");
        JsonNode count = node.get("maxReceiveCount");
        if (arn == null || !arn.isTextual()) {
            throw redriveError(policy, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
        }
        if (count == null) {
            throw redriveError(policy, "Redrive policy does not contain mandatory attribute: maxReceiveCount.");
        }
        int max;
        try {
            max = count.isIntegralNumber() ? count.intValue() : Integer.parseInt(count.asText());
        } catch (NumberFormatException e) {
            max = 0;
        }
        if (max < 1 || max > 1000) {
            throw redriveError(policy, "Invalid value for maxReceiveCount: " + count.asText()
                    + ", valid values are from 1 to 1000 both inclusive.");
        }
        return new Redrive(arn.textValue(), max);
    }

    static io.stratus.model.error.ServiceError redriveError(String policy, String reason) {
        return SqsErrors.invalidValue(policy, REDRIVE, reason);
    }

    private static String render(Redrive redrive) {
        ObjectNode o = WireJson.object();
        o.put("deadLetterTargetArn", redrive.deadLetterTargetArn());
        o.put("maxReceiveCount", redrive.maxReceiveCount());
        return o.toString();
    }
}
