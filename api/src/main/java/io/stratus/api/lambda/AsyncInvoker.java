package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
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
 * 1 then 2 minutes, times a configurable scale), retries throttles with exponential back-off without counting them,
 * and gives up after {@code MaximumRetryAttempts} or {@code MaximumEventAgeInSeconds}, sending a destination
 * record to the on-success or on-failure function when configured.
 *
 * <p>A claimed event is leased, not removed, until it finishes: if the server dies meanwhile the event becomes due
 * again, so delivery is at-least-once and each attempt keeps the event's request id.
 */
final class AsyncInvoker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);
    static final int DEFAULT_MAX_RETRIES = 2;
    static final int DEFAULT_MAX_AGE_SECONDS = 21_600;
    /** Longer than the longest function timeout: a running event is never claimed twice. */
    private static final long LEASE_MS = TimeUnit.MINUTES.toMillis(16);
    private static final int BATCH = 64;

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

    AsyncInvoker(AsyncQueue queue, FunctionRegistry registry, Engine engine, InstantSource clock, double retryScale) {
        this.queue = queue;
        this.registry = registry;
        this.engine = engine;
        this.clock = clock;
        this.retryScale = retryScale;
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
        while (!stopped) {
            try {
                int free = running.availablePermits();
                if (free > 0) {
                    long now = clock.millis();
                    for (AsyncQueue.Event event : queue.claimDue(now, now + LEASE_MS, free)) {
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
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private void process(AsyncQueue.Event event) {
        FunctionRef ref = new FunctionRef(event.functionName(), Optional.of(event.qualifier()));
        AsyncQueue.Config config = queue.config(event.functionName(), event.qualifier())
                .orElse(new AsyncQueue.Config(event.functionName(), event.qualifier(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), 0));
        long maxAgeMs = config.maxAgeSeconds().orElse(DEFAULT_MAX_AGE_SECONDS) * 1000L;
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
            fail(event, config, function, "EventAgeExceeded", null);
            return;
        }
        if (engine.reservedConcurrency(event.functionName()).filter(r -> r == 0).isPresent()) {
            fail(event, config, function, "ZeroReservedConcurrency", null);
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
        if (result.functionError().isEmpty()) {
            queue.remove(event.id());
            throttles.remove(event.id());
            succeeded.incrementAndGet();
            config.onSuccess().ifPresent(d -> deliver(d, record(event, function, "Success", attempts, result)));
            return;
        }
        int maxRetries = config.maxRetryAttempts().orElse(DEFAULT_MAX_RETRIES);
        if (attempts > maxRetries) {
            fail(new AsyncQueue.Event(event.id(), event.functionName(), event.qualifier(), event.payload(),
                    event.enqueuedMs(), attempts), config, function, "RetriesExhausted", result);
            return;
        }
        retries.incrementAndGet();
        long delay = (long) ((attempts == 1 ? 60_000 : 120_000) * retryScale);
        queue.reschedule(event.id(), attempts, clock.millis() + Math.max(1, delay));
    }

    private void fail(AsyncQueue.Event event, AsyncQueue.Config config, FunctionRecord function, String condition,
                      InvokeResult result) {
        queue.remove(event.id());
        throttles.remove(event.id());
        dropped.incrementAndGet();
        LOG.info("asynchronous event {} of {} failed: {}", event.id(), event.functionName(), condition);
        config.onFailure().ifPresent(d -> deliver(d, record(event, function, condition, event.attempts(), result)));
    }

    /** Lambda's destination invocation record. */
    private byte[] record(AsyncQueue.Event event, FunctionRecord function, String condition, int attempts,
                          InvokeResult result) {
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
            result.functionError().ifPresent(f -> response.put("functionError", f));
            r.set("responsePayload", parse(result.payload()));
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

    /** Sends a record to a destination function, asynchronously (durably queued like any event). */
    private void deliver(String destinationArn, byte[] record) {
        try {
            FunctionRef target = FunctionRef.parse(destinationArn, Optional.empty(), FunctionRef.Form.READ,
                    registry.partition());
            registry.get(target);
            enqueue(target, record);
        } catch (AwsException e) {
            LOG.warn("destination {} cannot receive a record: {}", destinationArn, e.getMessage());
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
