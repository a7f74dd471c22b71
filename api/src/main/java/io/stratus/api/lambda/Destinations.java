package io.stratus.api.lambda;

import io.stratus.api.sqs.Queues;
import io.stratus.model.error.AwsException;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.function.FunctionRef;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the results of asynchronous invocations go: destination records to a function (queued as a new event) or
 * to a queue of this server, and failed events to a function's dead-letter queue. Also checks such ARNs when a
 * client configures them. Topics, event buses and buckets do not exist here, so their ARNs are refused rather than
 * accepted and ignored.
 */
final class Destinations {

    private static final Logger LOG = LoggerFactory.getLogger(Destinations.class);
    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9-_$]+)?");
    private static final Pattern SQS_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:sqs:.*");
    private static final Pattern SNS_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:sns:.*");
    /** Lambda puts at most the first kilobyte of the error message on a dead-letter message. */
    private static final int MAX_ERROR_MESSAGE = 1024;

    private final FunctionRegistry registry;
    private final Queues queues;
    private final BiConsumer<FunctionRef, byte[]> enqueue;

    /**
     * @param enqueue queues an asynchronous event for a function (how a record reaches a destination function)
     */
    Destinations(FunctionRegistry registry, Queues queues, BiConsumer<FunctionRef, byte[]> enqueue) {
        this.registry = registry;
        this.queues = queues;
        this.enqueue = enqueue;
    }

    /**
     * Checks an on-success or on-failure destination: an existing function or queue of this server.
     *
     * @throws InvalidParameterValueException naming the ARN otherwise
     */
    void checkDestination(String arn) {
        if (FUNCTION_ARN.matcher(arn).matches()) {
            registry.get(FunctionRef.parse(arn, Optional.empty(), FunctionRef.Form.READ, registry.partition()));
        } else if (SQS_ARN.matcher(arn).matches()) {
            if (!queues.exists(arn)) {
                throw new InvalidParameterValueException("The destination ARN " + arn + " is invalid.");
            }
        } else {
            throw new InvalidParameterValueException("The destination ARN " + arn + " is invalid: Stratus delivers "
                    + "destination records to Lambda functions and SQS queues of this server (topics, event buses "
                    + "and buckets are not available).");
        }
    }

    /**
     * Checks a {@code DeadLetterConfig.TargetArn}: an existing queue of this server.
     *
     * @throws InvalidParameterValueException naming the ARN otherwise
     */
    void checkDeadLetterTarget(String arn) {
        if (SNS_ARN.matcher(arn).matches()) {
            throw new InvalidParameterValueException("The provided target ARN " + arn + " is invalid: SNS topics are"
                    + " not available in Stratus; use an SQS queue of this server as the dead-letter queue.");
        }
        if (!SQS_ARN.matcher(arn).matches() || !queues.exists(arn)) {
            throw new InvalidParameterValueException("The provided target ARN " + arn + " is invalid: the"
                    + " dead-letter queue must be an existing SQS queue of this server.");
        }
    }

    /**
     * Sends the destination record of event {@code requestId}.
     *
     * @return false when the destination is gone (logged; the record is dropped)
     */
    boolean deliver(String arn, String requestId, byte[] record) {
        try {
            if (SQS_ARN.matcher(arn).matches()) {
                queues.send(arn, new String(record, StandardCharsets.UTF_8), Map.of());
            } else {
                FunctionRef target = FunctionRef.parse(arn, Optional.empty(), FunctionRef.Form.READ,
                        registry.partition());
                registry.get(target);
                enqueue.accept(target, record);
            }
            return true;
        } catch (AwsException e) {
            LOG.warn("destination {} cannot receive the record of event {}: {}: {}", arn, requestId, e.errorType(),
                    e.getMessage());
            return false;
        }
    }

    /**
     * Sends a failed event's original payload to a dead-letter queue with Lambda's attributes: {@code RequestID},
     * {@code ErrorCode} (a number) and {@code ErrorMessage}.
     *
     * @return false when the queue is gone (logged; the event is dropped)
     */
    boolean deadLetter(String arn, String requestId, byte[] payload, String errorCode, String errorMessage) {
        String message = errorMessage.isEmpty() ? "Unhandled" : errorMessage;
        if (message.length() > MAX_ERROR_MESSAGE) {
            message = message.substring(0, MAX_ERROR_MESSAGE);
        }
        try {
            queues.send(arn, new String(payload, StandardCharsets.UTF_8), Map.of(
                    "RequestID", new Queues.TextAttribute("String", requestId),
                    "ErrorCode", new Queues.TextAttribute("Number", errorCode),
                    "ErrorMessage", new Queues.TextAttribute("String", message)));
            return true;
        } catch (AwsException e) {
            LOG.warn("dead-letter queue {} cannot receive event {}: {}: {}", arn, requestId, e.errorType(),
                    e.getMessage());
            return false;
        }
    }
}
