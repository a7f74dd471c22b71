package io.stratus.engine;

import io.stratus.engine.logs.FunctionLogs;
import io.stratus.engine.metrics.InvocationMetrics;
import io.stratus.engine.runtime.RuntimeCaches;
import io.stratus.engine.runtime.RuntimeCatalog;
import io.stratus.engine.runtime.RuntimeClients;
import io.stratus.engine.runtime.RuntimeResolution;
import io.stratus.engine.sandbox.Invocation;
import io.stratus.engine.sandbox.Isolation;
import io.stratus.engine.sandbox.Isolations;
import io.stratus.engine.sandbox.SandboxSpec;
import io.stratus.model.error.ServiceException;
import io.stratus.model.error.TooManyRequestsException;
import io.stratus.store.code.CodeBlobs;
import io.stratus.store.code.LayerTrees;
import io.stratus.store.code.UnpackedCode;
import java.io.IOException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution engine: runs invocations in sandboxes, scaling out when invocations overlap and back to zero
 * when they stop, and keeps the functions' logs.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;
    private final InstantSource clock;
    private final FunctionLogs logs;
    private final Isolation isolation;
    private final RuntimeCatalog catalog;
    private final SandboxPools pools;
    private final RuntimeSpares spares;
    private final UnpackedCode code;
    private final ConcurrencyGate gate;
    private final InvocationMetrics metrics;
    /** Runs the next attempt of an undelivered invocation (it may block starting a sandbox). */
    private static final java.util.concurrent.Executor RETRIES = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("invoke-retry-", 0).factory());
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("engine-housekeeping").daemon(true).factory());

    private Engine(EngineConfig config, InstantSource clock, FunctionLogs logs, Isolation isolation,
                   RuntimeCatalog catalog, SandboxPools pools, UnpackedCode code, RuntimeSpares spares) {
        this.config = config;
        this.clock = clock;
        this.logs = logs;
        this.isolation = isolation;
        this.catalog = catalog;
        this.pools = pools;
        this.code = code;
        this.spares = spares;
        this.gate = new ConcurrencyGate(config.accountConcurrency());
        this.metrics = new InvocationMetrics(clock);
    }

    /** A function's reserved concurrency, if it has one (as last set with {@link #reservations}). */
    public Optional<Integer> reservedConcurrency(String functionName) {
        return gate.reserved(functionName);
    }

    /** Sets the functions' reserved concurrency (at start and after every change). */
    public void reservations(Map<String, Integer> reservedByFunction) {
        gate.reservations(reservedByFunction);
    }

    /**
     * Starts the engine: cleans up what a previous run left, unpacks the runtime clients, finds the
     * interpreters, and begins housekeeping.
     */
    public static Engine start(EngineConfig config, CodeBlobs blobs, InstantSource clock) {
        Isolation isolation = Isolations.choose(config);
        isolation.removeLeftovers();
        LOG.info("sandbox isolation: {}", isolation.describe());
        RuntimeClients clients = RuntimeClients.unpack(config.dataDir().resolve("runtimes"));
        RuntimeCatalog catalog = RuntimeCatalog.discover(config.runtimeOverrides(), config.strictRuntimes());
        RuntimeCaches.buildInBackground(clients, catalog, isolation.lambdaLayout());
        FunctionLogs logs = new FunctionLogs(config.dataDir().resolve("logs"));
        UnpackedCode code = new UnpackedCode(config.dataDir().resolve("tasks"), blobs);
        code.removeLeftovers();
        LayerTrees layers = new LayerTrees(config.dataDir().resolve("opt"), blobs);
        layers.removeLeftovers();
        // Pre-started runtimes' directories a previous run left (their processes died with it).
        UnpackedCode.deleteTree(config.dataDir().resolve("spares"));
        SandboxFactory factory = new SandboxFactory(config, catalog, clients, new SandboxFactory.Code(code, layers),
                isolation, logs, clock);
        SandboxPools pools = new SandboxPools(factory, config.sandboxMemoryMb());
        RuntimeSpares spares = new RuntimeSpares(factory::startSpare, config.runtimeSpares());
        if (config.runtimeSpares() > 0) {
            factory.useSpares(spares);
        }
        Engine engine = new Engine(config, clock, logs, isolation, catalog, pools, code, spares);
        long keepAliveNanos = config.keepAlive().toNanos();
        long period = Math.max(100, Math.min(1000, config.keepAlive().toMillis() / 4));
        engine.housekeeping.scheduleWithFixedDelay(() -> engine.housekeep(keepAliveNanos), period, period,
                TimeUnit.MILLISECONDS);
        return engine;
    }

    private void housekeep(long keepAliveNanos) {
        try {
            pools.reap(keepAliveNanos);
            // At least a minute: a short keep-alive (tests use seconds) must not throw spares away between two
            // functions' first invocations.
            spares.reap(Math.max(keepAliveNanos, TimeUnit.MINUTES.toNanos(1)));
            logs.sync();
        } catch (RuntimeException e) {
            LOG.warn("engine housekeeping failed", e);
        }
    }

    /** Invocation counts and durations per function and minute. */
    public InvocationMetrics metrics() {
        return metrics;
    }

    /** The function logs. */
    public FunctionLogs logs() {
        return logs;
    }

    /**
     * What a runtime runs on, for a warning when a function is created or changed.
     *
     * @throws io.stratus.model.error.InvalidRuntimeException when nothing here can run it
     */
    public RuntimeResolution resolveRuntime(String runtimeId) {
        return catalog.resolve(runtimeId);
    }

    /** Live and idle sandboxes per function. */
    public Map<String, SandboxCount> sandboxCounts() {
        Map<String, SandboxCount> out = new java.util.LinkedHashMap<>();
        pools.counts().forEach((name, c) -> out.put(name, new SandboxCount(c.total(), c.idle())));
        return out;
    }

    /** Pre-started runtimes ready for adoption and adopted so far, per runtime identifier. */
    public Map<String, SpareCount> spareCounts() {
        return spares.counts();
    }

    /**
     * Pre-started runtimes of one runtime identifier.
     *
     * @param ready   waiting to be adopted
     * @param adopted adopted by functions' sandboxes since the server started
     */
    public record SpareCount(int ready, int adopted) {
    }

    /**
     * Sandboxes of one function.
     *
     * @param total live sandboxes
     * @param idle  those waiting for an invocation
     */
    public record SandboxCount(int total, int idle) {
    }

    /**
     * Runs a synchronous invocation and waits for it.
     *
     * @throws io.stratus.model.error.TooManyRequestsException when no sandbox can be had
     * @throws io.stratus.model.error.InvalidRuntimeException  when the runtime cannot run here
     */
    public InvokeResult invoke(InvokeRequest request) {
        try {
            return start(request).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Starts a synchronous invocation: admits it and hands it to a sandbox (starting one if none is idle, which
     * blocks the caller for the cold start), then answers without waiting. The result completes on the thread
     * that receives the runtime's answer, so callers that can answer later (the Invoke API) hold no thread while
     * the function runs.
     *
     * @throws io.stratus.model.error.TooManyRequestsException when no sandbox can be had
     * @throws io.stratus.model.error.InvalidRuntimeException  when the runtime cannot run here
     */
    public CompletableFuture<InvokeResult> start(InvokeRequest request) {
        SandboxSpec spec = SandboxSpec.of(request.function());
        String requestId = request.requestId().orElseGet(() -> UUID.randomUUID().toString());
        String traceId = traceId();
        ConcurrencyGate.Permit permit;
        try {
            permit = gate.admit(spec.functionName());
        } catch (TooManyRequestsException e) {
            metrics.throttled(spec.functionName());
            throw e;
        }
        CompletableFuture<Invocation.Outcome> outcome;
        try {
            outcome = attempt(spec, request, requestId, traceId, 1);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
        return outcome.handle((done, failure) -> {
            permit.close();
            if (failure != null) {
                throw failure instanceof java.util.concurrent.CompletionException c ? c
                        : new java.util.concurrent.CompletionException(failure);
            }
            metrics.invoked(spec.functionName(), done.durationMs(), done.functionError());
            return new InvokeResult(requestId, done.payload(), done.contentType(),
                    done.functionError() ? Optional.of("Unhandled") : Optional.empty(), spec.version(),
                    request.tailLog() ? Optional.of(done.logTail()) : Optional.empty(), done.durationMs(),
                    done.billedMs(), done.maxMemoryUsedMb(),
                    done.initDurationMs() >= 0 ? OptionalDouble.of(done.initDurationMs()) : OptionalDouble.empty());
        });
    }

    /**
     * One attempt in one sandbox. An event the sandbox's runtime never took (it ended first) is tried again in
     * another sandbox, up to three attempts, on a new virtual thread since finding a sandbox may block.
     */
    private CompletableFuture<Invocation.Outcome> attempt(SandboxSpec spec, InvokeRequest request, String requestId,
                                                          String traceId, int attempt) {
        Invocation invocation = new Invocation(requestId, request.payload(), request.invokedArn(),
                request.clientContextJson(), traceId, spec.config().timeoutSeconds(), request.tailLog());
        CompletableFuture<Invocation.Outcome> outcome;
        try {
            outcome = pools.dispatch(spec, invocation);
        } catch (IOException e) {
            throw new ServiceException("could not start a sandbox for " + spec.functionName() + ": "
                    + e.getMessage(), e);
        }
        return outcome.thenCompose(done -> {
            // The sandbox it ran in, which may not be the one it was first given to (see SandboxPools).
            pools.release(invocation.host());
            if (!done.undelivered()) {
                return CompletableFuture.completedFuture(done);
            }
            if (attempt >= 3) {
                return CompletableFuture.failedFuture(new ServiceException("no sandbox of " + spec.functionName()
                        + " stayed up long enough to take the invocation"));
            }
            return CompletableFuture.supplyAsync(() -> attempt(spec, request, requestId, traceId, attempt + 1),
                    RETRIES).thenCompose(next -> next);
        });
    }

    /** Stops a function's sandboxes after it was deleted. */
    public void retire(String functionName) {
        pools.retireFunction(functionName, Optional.empty());
    }

    /** Stops the sandboxes of one version after its code or configuration changed. */
    public void retire(String functionName, String version) {
        pools.retireFunction(functionName, Optional.of(version));
    }

    /**
     * Keeps {@code count} sandboxes of a published version initialised ahead of time (0 stops doing so), in the
     * background.
     */
    public void provision(io.stratus.model.function.FunctionRecord version, int count) {
        SandboxSpec spec = SandboxSpec.of(version);
        Thread.ofVirtual().name("provision-" + version.name()).start(() -> {
            try {
                pools.provision(spec, count);
            } catch (RuntimeException e) {
                LOG.warn("provisioning {}:{} failed", version.name(), version.version(), e);
            }
        });
    }

    /** How many provisioned sandboxes of a version are initialised and ready. */
    public int provisionedReady(String functionName, String version) {
        return pools.provisionedReady(functionName, version);
    }

    /** Removes the unpacked copy of a code package no function uses any more. */
    public void forgetCode(String sha256Hex) {
        code.remove(sha256Hex);
    }

    /** An X-Ray trace header for an invocation: Root=1-{epoch hex}-{24 hex};Parent={16 hex};Sampled=0. */
    private String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String root = Long.toHexString(clock.millis() / 1000);
        String unique = HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextInt());
        return "Root=1-" + root + "-" + unique + ";Parent=" + HexFormat.of().toHexDigits(random.nextLong())
                + ";Sampled=0";
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        spares.close();
        pools.closeAll();
        logs.sync();
        isolation.removeLeftovers();
    }
}
