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
import io.stratus.engine.sandbox.Sandbox;
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
    private final UnpackedCode code;
    private final ConcurrencyGate gate;
    private final InvocationMetrics metrics;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("engine-housekeeping").daemon(true).factory());

    private Engine(EngineConfig config, InstantSource clock, FunctionLogs logs, Isolation isolation,
                   RuntimeCatalog catalog, SandboxPools pools, UnpackedCode code) {
        this.config = config;
        this.clock = clock;
        this.logs = logs;
        this.isolation = isolation;
        this.catalog = catalog;
        this.pools = pools;
        this.code = code;
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
        SandboxFactory factory = new SandboxFactory(config, catalog, clients, new SandboxFactory.Code(code, layers),
                isolation, logs, clock);
        SandboxPools pools = new SandboxPools(factory, config.sandboxMemoryMb());
        Engine engine = new Engine(config, clock, logs, isolation, catalog, pools, code);
        long keepAliveNanos = config.keepAlive().toNanos();
        long period = Math.max(100, Math.min(1000, config.keepAlive().toMillis() / 4));
        engine.housekeeping.scheduleWithFixedDelay(() -> engine.housekeep(keepAliveNanos), period, period,
                TimeUnit.MILLISECONDS);
        return engine;
    }

    private void housekeep(long keepAliveNanos) {
        try {
            pools.reap(keepAliveNanos);
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

    /**
     * Sandboxes of one function.
     *
     * @param total live sandboxes
     * @param idle  those waiting for an invocation
     */
    public record SandboxCount(int total, int idle) {
    }

    /**
     * Runs a synchronous invocation.
     *
     * @throws io.stratus.model.error.TooManyRequestsException when no sandbox can be had
     * @throws io.stratus.model.error.InvalidRuntimeException  when the runtime cannot run here
     */
    public InvokeResult invoke(InvokeRequest request) {
        SandboxSpec spec = SandboxSpec.of(request.function());
        String requestId = request.requestId().orElseGet(() -> UUID.randomUUID().toString());
        String traceId = traceId();
        Invocation.Outcome outcome;
        ConcurrencyGate.Permit permit;
        try {
            permit = gate.admit(spec.functionName());
        } catch (TooManyRequestsException e) {
            metrics.throttled(spec.functionName());
            throw e;
        }
        try {
            outcome = runWithRetries(spec, request, requestId, traceId);
        } finally {
            permit.close();
        }
        metrics.invoked(spec.functionName(), outcome.durationMs(), outcome.functionError());
        return new InvokeResult(requestId, outcome.payload(), outcome.contentType(),
                outcome.functionError() ? Optional.of("Unhandled") : Optional.empty(), spec.version(),
                request.tailLog() ? Optional.of(outcome.logTail()) : Optional.empty(), outcome.durationMs(),
                outcome.billedMs(), outcome.maxMemoryUsedMb(),
                outcome.initDurationMs() >= 0 ? OptionalDouble.of(outcome.initDurationMs()) : OptionalDouble.empty());
    }

    private Invocation.Outcome runWithRetries(SandboxSpec spec, InvokeRequest request, String requestId,
                                              String traceId) {
        Invocation.Outcome outcome;
        int attempt = 0;
        do {
            Invocation invocation = new Invocation(requestId, request.payload(), request.invokedArn(),
                    request.clientContextJson(), traceId, spec.config().timeoutSeconds());
            outcome = runOnce(spec, invocation);
            attempt++;
        } while (outcome.undelivered() && attempt < 3);
        if (outcome.undelivered()) {
            throw new ServiceException("no sandbox of " + spec.functionName() + " stayed up long enough to take "
                    + "the invocation");
        }
        return outcome;
    }

    private Invocation.Outcome runOnce(SandboxSpec spec, Invocation invocation) {
        Sandbox sandbox;
        try {
            sandbox = pools.acquire(spec);
        } catch (IOException e) {
            throw new ServiceException("could not start a sandbox for " + spec.functionName() + ": "
                    + e.getMessage(), e);
        }
        try {
            return sandbox.run(invocation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sandbox.close();
            throw new ServiceException("interrupted while invoking " + spec.functionName(), e);
        } finally {
            pools.release(sandbox);
        }
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
        pools.closeAll();
        logs.sync();
        isolation.removeLeftovers();
    }
}
