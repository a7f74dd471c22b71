package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import io.stratus.api.sqs.Queues;
import io.stratus.engine.Engine;
import io.stratus.engine.InvokeRequest;
import io.stratus.engine.InvokeResult;
import io.stratus.model.error.AwsException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionVersion;
import io.stratus.store.async.AsyncQueue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous invocation: events are stored durably before the caller's 202, then claimed by a dispatcher that
 * runs them through the engine (so concurrency limits apply), retries function errors after Lambda's delays (about
 * 1 then 2 minutes), retries throttles with exponential back-off without counting them, and gives up after
 * {@code MaximumRetryAttempts} or {@code MaximumEventAgeInSeconds}. A configurable scale multiplies all of these
 * times (the retry delays, the back-off and the maximum age) so that tests can watch retries and expiry quickly.
 * Finished events send a destination record to the on-success or on-failure function or queue when configured, and
 * a failed event goes to the function's dead-letter queue.
 *
 * <p>A claimed event is leased, not removed, until it finishes: if the server dies meanwhile the event becomes due
 * again, so delivery is at-least-once and each attempt keeps the event's request id. For the same reason an event
 * is removed only after its records went out: a crash in between sends them twice rather than never.
 */
final class AsyncInvoker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);
    static final int DEFAULT_MAX_RETRIES = 2;
    static final int DEFAULT_MAX_AGE_SECONDS = 21_600;
    /** Longer than the longest function timeout: a running event is never claimed twice. */
    private static final long LEASE_MS = TimeUnit.MINUTES.toMillis(16);
    private static final int BATCH = 64;
    /** The dispatcher's pause after a look that found events, or while every slot is busy. */
    private static final long BUSY_POLL_MS = 20;
    /**
     * The longest pause after looks that found nothing (each empty look doubles it). Events stored by this server
     * wake the dispatcher at once; only events other nodes store and retries coming due wait for a look, and an idle
     * server no longer runs fifty store transactions a second.
     */
    private static final long IDLE_POLL_MS = 160;

    private final AsyncQueue queue;
    private final FunctionRegistry registry;
    private final Engine engine;
    private final InstantSource clock;
    private final double retryScale;
    private final Semaphore running = new Semaphore(BATCH);
    private final Map<String, Integer> throttles = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private volatile boolean stopped;
    private Thread dispatcher;

    private final Destinations destinations;

    /**
     * @param retryScale multiplies retry delays, back-off and the maximum event age (1 in production)
     * @param queues     the queues destinations and dead-letter queues may name
     */
    AsyncInvoker(AsyncQueue queue, FunctionRegistry registry, Engine engine, InstantSource clock, double retryScale,
                 Queues queues) {
        this.queue = queue;
        this.registry = registry;
        this.engine = engine;
        this.clock = clock;
        this.retryScale = retryScale;
        this.destinations = new Destinations(registry, queues, this::enqueue);
    }

    /** Where records and failed events go, for the APIs that configure them. */
    Destinations destinations() {
        return destinations;
    }

    void start() {
        // Events a killed predecessor had claimed are due again: at-least-once.
        queue.releaseLeases(clock.millis());
        dispatcher = Thread.ofPlatform().name("async-dispatcher").daemon(true).start(this::dispatch);
    }

    /** Stores an accepted event; returns its request id once it is durable. */
    String enqueue(FunctionRef ref, byte[] payload) {
        return store(newEvent(ref, payload));
    }

    /** Stores a new event; returns its request id once it is durable. */
    String store(AsyncQueue.Event event) {
        queue.enqueue(event);
        wake();
        return event.id();
    }

    /** A new event with a fresh request id, not yet stored. */
    AsyncQueue.Event newEvent(FunctionRef ref, byte[] payload) {
        return new AsyncQueue.Event(UUID.randomUUID().toString(), ref.name(),
                ref.qualifier().orElse(FunctionVersion.LATEST), payload, clock.millis(), 0);
    }

    /** Lets the dispatcher look for due events now (after events were stored). */
    void wake() {
        Thread d = dispatcher;
        if (d != null) {
            LockSupport.unpark(d);
        }
    }

    /** Depth, age of the oldest event, retries and drops, for the status endpoint. */
    ObjectNode stats() {
        AsyncQueue.Depth depth = queue.depth();
        ObjectNode o = WireJson.object();
        o.put("Depth", depth.events());
        o.put("OldestEventAgeSeconds", depth.events() == 0 ? 0 : (clock.millis() - depth.oldestMs()) / 1000.0);
        o.put("Succeeded", succeeded.get());
        o.put("Retries", retries.get());
        o.put("Dropped", dropped.get());
        return o;
    }

    private void dispatch() {
        long pauseMs = BUSY_POLL_MS;
        while (!stopped) {
            boolean busy = true;
            try {
                int free = running.availablePermits();
                if (free > 0) {
                    long now = clock.millis();
                    List<AsyncQueue.Event> due = queue.claimDue(now, now + LEASE_MS, free);
                    busy = !due.isEmpty();
                    for (AsyncQueue.Event event : due) {
                        running.acquireUninterruptibly();
                        Thread.ofVirtual().name("async-" + event.id()).start(() -> {
                            try {
                                process(event);
                            } catch (RuntimeException e) {
                                LOG.warn("asynchronous event {} of {} failed; it will be retried", event.id(),
                                        event.functionName(), e);
                                queue.reschedule(event.id(), event.attempts(), clock.millis() + 1000);
                            } finally {
                                running.release();
                            }
                        });
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("asynchronous dispatch failed", e);
            }
            pauseMs = busy ? BUSY_POLL_MS : Math.min(IDLE_POLL_MS, pauseMs * 2);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMs));
        }
    }

    private void process(AsyncQueue.Event event) {
        FunctionRef ref = new FunctionRef(event.functionName(), Optional.of(event.qualifier()));
        AsyncQueue.Config config = queue.config(event.functionName(), event.qualifier())
                .orElse(new AsyncQueue.Config(event.functionName(), event.qualifier(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), 0));
        long maxAgeMs = (long) (config.maxAgeSeconds().orElse(DEFAULT_MAX_AGE_SECONDS) * 1000L * retryScale);
        FunctionRecord function;
        try {
            function = registry.forInvocation(ref);
        } catch (ResourceNotFoundException e) {
            LOG.info("dropping asynchronous event {}: {}", event.id(), e.getMessage());
            queue.remove(event.id());
            dropped.incrementAndGet();
            return;
        }
        if (clock.millis() - event.enqueuedMs() > maxAgeMs) {
            // Lambda's record of an expired event carries the error of its last attempt, if one ran.
            fail(event, config, function, "EventAgeExceeded", queue.lastAttempt(event.id()));
            return;
        }
        if (engine.reservedConcurrency(event.functionName()).filter(r -> r == 0).isPresent()) {
            fail(event, config, function, "ZeroReservedConcurrency", Optional.empty());
            return;
        }
        String invokedArn = registry.partition().functionArn(event.functionName(), event.qualifier());
        InvokeResult result;
        try {
            result = engine.invoke(new InvokeRequest(function, invokedArn, event.payload(), Optional.empty(), false,
                    Optional.of(event.id())));
        } catch (AwsException e) {
            // Throttled, or the platform could not run it (say, the runtime is missing): back off without
            // counting an attempt, until the event is too old.
            int n = throttles.merge(event.id(), 1, Integer::sum);
            long delay = (long) (Math.min(300_000, 1000L << Math.min(n - 1, 9)) * retryScale);
            queue.reschedule(event.id(), event.attempts(), clock.millis() + Math.max(1, delay));
            return;
        }
        int attempts = event.attempts() + 1;
        AsyncQueue.LastAttempt outcome = new AsyncQueue.LastAttempt(result.functionError().orElse(""),
                result.payload());
        if (result.functionError().isEmpty()) {
            boolean delivered = config.onSuccess().map(d -> destinations.deliver(d, event.id(),
                    record(event, function, "Success", attempts, outcome))).orElse(true);
            queue.remove(event.id());
            throttles.remove(event.id());
            succeeded.incrementAndGet();
            if (!delivered) {
                dropped.incrementAndGet();
            }
            return;
        }
        int maxRetries = config.maxRetryAttempts().orElse(DEFAULT_MAX_RETRIES);
        if (attempts > maxRetries) {
            fail(new AsyncQueue.Event(event.id(), event.functionName(), event.qualifier(), event.payload(),
                    event.enqueuedMs(), attempts), config, function, "RetriesExhausted", Optional.of(outcome));
            return;
        }
        retries.incrementAndGet();
        long delay = (long) ((attempts == 1 ? 60_000 : 120_000) * retryScale);
        queue.reschedule(event.id(), attempts, clock.millis() + Math.max(1, delay), outcome);
    }

    /**
     * Gives up on an event: its record goes to the on-failure destination and its payload to the dead-letter queue
     * (both, when both are configured), then it leaves the queue.
     */
    private void fail(AsyncQueue.Event event, AsyncQueue.Config config, FunctionRecord function, String condition,
                      Optional<AsyncQueue.LastAttempt> last) {
        LOG.info("asynchronous event {} of {} failed: {}", event.id(), event.functionName(), condition);
        config.onFailure().ifPresent(d -> destinations.deliver(d, event.id(), record(event, function, condition,
                event.attempts(), last.orElse(null))));
        function.config().deadLetterTargetArn().ifPresent(dlq -> deadLetter(dlq, event, last));
        queue.remove(event.id());
        throttles.remove(event.id());
        dropped.incrementAndGet();
    }

    /**
     * The dead-letter message of a failed event. A function error is reported as Lambda does (code 200, the
     * error's message); an event that never ran (throttled until too old, or reserved concurrency 0) as a throttle.
     */
    private void deadLetter(String queueArn, AsyncQueue.Event event, Optional<AsyncQueue.LastAttempt> last) {
        String code = last.isPresent() ? "200" : "429";
        String message = last.map(l -> errorMessage(l.response(), l.functionError())).orElse("Rate Exceeded.");
        destinations.deadLetter(queueArn, event.id(), event.payload(), code, message);
    }

    private static String errorMessage(byte[] response, String functionError) {
        JsonNode error = parse(response);
        String message = error.path("errorMessage").asText("");
        return message.isEmpty() ? error.path("errorType").asText(functionError) : message;
    }

    /** Lambda's destination invocation record. */
    private byte[] record(AsyncQueue.Event event, FunctionRecord function, String condition, int attempts,
                          AsyncQueue.LastAttempt result) {
        ObjectNode r = WireJson.object();
        r.put("version", "1.0");
        r.put("timestamp", Instant.ofEpochMilli(clock.millis()).toString());
        ObjectNode context = r.putObject("requestContext");
        context.put("requestId", event.id());
        context.put("functionArn", registry.partition().functionArn(event.functionName(), event.qualifier()));
        context.put("condition", condition);
        context.put("approximateInvokeCount", attempts);
        r.set("requestPayload", parse(event.payload()));
        ObjectNode response = r.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", function.version());
        if (result != null) {
            if (!result.functionError().isEmpty()) {
                response.put("functionError", result.functionError());
            }
            r.set("responsePayload", parse(result.response()));
        }
        return WireJson.bytes(r);
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return WireJson.MAPPER.readTree(bytes);
        } catch (java.io.IOException | RuntimeException e) {
            return WireJson.MAPPER.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        stopped = true;
        Thread d = dispatcher;
        if (d != null) {
            LockSupport.unpark(d);
            try {
                d.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
