package io.stratus.engine.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution environment: a runtime process, the Runtime API port only it knows, and its log stream. It runs
 * one invocation at a time and is reused for the next; the runtime's own state survives in between.
 *
 * <p>Lifecycle: STARTING until the runtime's first {@code next} (that wait is the init phase), then alternating
 * between waiting for an event and BUSY with one; DEAD after its process ended or was killed, never to be used
 * again. Every invocation is finished exactly once — by the runtime's answer, the timeout, or the process's
 * end — whichever claims it first under the lock; the winner writes the END and REPORT lines.
 */
public final class Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/2018-06-01/runtime/";
    /** The Runtime API's limit for a response or error body: 6 MB plus 100 bytes. */
    public static final long MAX_RESPONSE_BYTES = 6_291_556;

    enum State { STARTING, WAITING, BUSY, DEAD }

    private final String id;
    private final String version;
    private final int memoryMb;
    private final long initLimitNanos;
    private final SandboxLog log;
    private final Isolation isolation;
    private final InstantSource clock;
    private final OptionalInt uid;
    private final RuntimeApiListener listener;
    private final Isolation.Started started;
    private final long launchedNanos;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final SandboxOutput output;

    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.STARTING;
    /** The runtime's {@code next} while it waits for an event; the event's thread answers it. */
    private RuntimeApiListener.Responder parkedNext;
    /** An event that came before the runtime asked for it (during init). */
    private Invocation pending;
    private Invocation current;
    private double initDurationMs = -1;
    private boolean initReported;
    /**
     * Invocation deadlines. Its one thread only hands expired ones to virtual threads, since ending an invocation
     * kills a process and waits for its output.
     */
    private static final Deadlines TIMERS = new Deadlines("sandbox-timers");
    /** How long the end of a runtime's Runtime API connections is awaited after its process ended. */
    private static final long CONNECTIONS_END_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private volatile long idleSinceNanos = System.nanoTime();
    /**
     * True while the sandbox is starting without an owner: its first event was withdrawn to run in a sandbox that
     * became free first ({@link #withdraw()}). Guarded by lock.
     */
    private boolean unowned;
    /** Told when an unowned sandbox is ready for work or has died. */
    private volatile java.util.function.Consumer<Sandbox> unownedListener = s -> { };

    /**
     * The process runs already; {@code launchedNanos} is when its start began (Init Duration counts from there).
     */
    private Sandbox(String id, String version, int memoryMb, long initLimitNanos, SandboxLog log,
                    Isolation isolation, InstantSource clock, Launched launched, long launchedNanos) {
        this.id = id;
        this.version = version;
        this.memoryMb = memoryMb;
        this.initLimitNanos = initLimitNanos;
        this.log = log;
        this.isolation = isolation;
        this.clock = clock;
        this.uid = launched.uid();
        this.listener = launched.listener();
        this.started = launched.started();
        this.launchedNanos = launchedNanos;
        this.output = SandboxOutput.pump(id, started.process(), log);
        listener.handler(this::handle);
        watch();
    }

    /** A runtime process with its user and Runtime API port, before a sandbox owns it. */
    record Launched(OptionalInt uid, RuntimeApiListener listener, Isolation.Started started) {
    }

    private void watch() {
        Process process = started.process();
        Thread.ofVirtual().name("sandbox-exit-" + id).start(() -> {
            process.onExit().join();
            output.processEnded();
            onProcessExit();
        });
    }

    /**
     * Makes a sandbox of a spare the caller has claimed: sets the function's memory limit and answers the spare's
     * runtime with the function's environment. The function's code must already be in the spare's directories.
     * Init Duration counts from here.
     */
    public static Sandbox adopt(Spare spare, String version, int memoryMb, long initLimitNanos,
                                SandboxLogs.Opened log, Isolation isolation, InstantSource clock,
                                Map<String, String> environment) throws IOException {
        long adoptedNanos = System.nanoTime();
        spare.resize(memoryMb);
        Sandbox sandbox = new Sandbox(spare.id(), version, memoryMb, initLimitNanos, log.log(), isolation, clock,
                spare.launched(), adoptedNanos);
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("AWS_LAMBDA_RUNTIME_API", spare.launched().listener().address());
        spare.adopt(env);
        return sandbox;
    }

    /**
     * Starts a sandbox; its runtime initialises in the background.
     *
     * @param plan builds the launch plan once the Runtime API address is known
     */
    public static Sandbox start(String id, String version, int memoryMb, long initLimitNanos,
                                SandboxLogs.Opened log, Isolation isolation, InstantSource clock,
                                Function<String, LaunchPlan> plan) throws IOException {
        long launchedNanos = System.nanoTime();
        // The runtime may call before the sandbox exists; its requests wait for it.
        CompletableFuture<Sandbox> owner = new CompletableFuture<>();
        Launched launched = launch(isolation, plan, (request, later) -> owner.join().handle(request, later));
        Sandbox sandbox = new Sandbox(id, version, memoryMb, initLimitNanos, log.log(), isolation, clock, launched,
                launchedNanos);
        owner.complete(sandbox);
        return sandbox;
    }

    /** Reserves a user, opens a Runtime API port served by {@code handler} and starts the runtime process. */
    static Launched launch(Isolation isolation, Function<String, LaunchPlan> plan, RuntimeApiListener.Handler handler)
            throws IOException {
        OptionalInt uid = isolation.reserveUid();
        RuntimeApiListener listener;
        try {
            listener = new RuntimeApiListener(handler, MAX_RESPONSE_BYTES, uid);
        } catch (IOException e) {
            uid.ifPresent(isolation::releaseUid);
            throw e;
        }
        try {
            return new Launched(uid, listener, isolation.start(plan.apply(listener.address()), uid));
        } catch (IOException | RuntimeException e) {
            listener.close();
            uid.ifPresent(isolation::releaseUid);
            throw e;
        }
    }

    public String id() {
        return id;
    }

    public boolean alive() {
        lock.lock();
        try {
            return state != State.DEAD;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks a provisioned sandbox: it was initialised ahead of time, so no invocation reports its init duration.
     */
    public void provisioned() {
        lock.lock();
        try {
            initReported = true;
        } finally {
            lock.unlock();
        }
    }

    /** True once the runtime finished its init (called {@code next}) and while the sandbox lives. */
    public boolean initialized() {
        lock.lock();
        try {
            return state != State.DEAD && state != State.STARTING;
        } finally {
            lock.unlock();
        }
    }

    /** When the sandbox last finished an invocation (or started), in {@link System#nanoTime()} terms. */
    public long idleSinceNanos() {
        return idleSinceNanos;
    }

    public long peakMemoryBytes() {
        return started.peakMemoryBytes();
    }

    /**
     * Starts one invocation and answers its outcome without waiting for it: the outcome completes on the thread
     * that ends the invocation — usually the one receiving the runtime's answer — so no thread waits per
     * invocation in flight. The caller must own this sandbox (one invocation at a time).
     *
     * <p>Two timers guard it: the event must be taken by the runtime within the init limit (a runtime that never
     * calls {@code next} again), then answered within the function's timeout.
     */
    public CompletableFuture<Invocation.Outcome> start(Invocation invocation) {
        RuntimeApiListener.Responder runtime = null;
        // Once per invocation, though one taken over is started twice: the timer is guarded by the lock of the
        // sandbox that holds it last.
        boolean first = invocation.host == null;
        lock.lock();
        try {
            invocation.host = this;
            unowned = false;
            if (state == State.DEAD) {
                // It ended between invocations (a runtime may exit after answering): nothing was delivered.
                invocation.outcome.complete(Invocation.Outcome.UNDELIVERED);
                return invocation.outcome;
            }
            if (parkedNext != null) {
                runtime = parkedNext;
                parkedNext = null;
                deliver(invocation);
            } else {
                pending = invocation;
                invocation.timer = TIMERS.arm(initLimitNanos,
                        () -> Thread.ofVirtual().start(() -> initTimedOut(invocation)));
            }
        } finally {
            lock.unlock();
        }
        if (first) {
            invocation.outcome.whenComplete((outcome, failure) -> invocation.host.cancelTimer(invocation));
        }
        if (runtime != null && !runtime.reply(eventReply(invocation))) {
            // The runtime dropped its connection while it waited: it is ending, and its exit ends the invocation.
            started.kill();
        }
        return invocation.outcome;
    }

    /**
     * Takes back the event given to this starting sandbox, when its runtime has not asked for it yet, so that a
     * sandbox that became free first can run it. This one goes on starting without an owner; the listener hears
     * when it is ready for work or has died. A runtime that does not finish its init in time is stopped.
     *
     * @return the event, or null when it was delivered already (or the sandbox is not starting)
     */
    public Invocation withdraw() {
        Invocation taken;
        lock.lock();
        try {
            if (state != State.STARTING || pending == null || pending.finished || pending.delivered) {
                return null;
            }
            taken = pending;
            pending = null;
            unowned = true;
            if (taken.timer != null) {
                taken.timer.cancel();
                taken.timer = null;
            }
        } finally {
            lock.unlock();
        }
        long left = initLimitNanos - (System.nanoTime() - launchedNanos);
        TIMERS.arm(Math.max(0, left), () -> Thread.ofVirtual().start(this::stopIfStillStartingUnowned));
        return taken;
    }

    /** Who hears that a sandbox started without an owner is ready for work or has died. */
    public void unownedListener(java.util.function.Consumer<Sandbox> listener) {
        this.unownedListener = listener;
    }

    private void stopIfStillStartingUnowned() {
        lock.lock();
        try {
            if (!unowned || state != State.STARTING) {
                return;
            }
        } finally {
            lock.unlock();
        }
        log.line(String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: init\tStatus: timeout",
                initLimitNanos / 1e6));
        started.kill();
    }

    private void cancelTimer(Invocation invocation) {
        Deadlines.Deadline timer;
        lock.lock();
        try {
            timer = invocation.timer;
            invocation.timer = null;
        } finally {
            lock.unlock();
        }
        if (timer != null) {
            timer.cancel();
        }
    }

    // ---- Runtime API -------------------------------------------------------------------------------------

    private RuntimeApiListener.Reply handle(RuntimeApiListener.Request request, RuntimeApiListener.Responder later) {
        String path = request.path();
        if (!path.startsWith(PREFIX)) {
            return RuntimeApiListener.Reply.error(404, "NotFound", "Unknown path " + path);
        }
        String rest = path.substring(PREFIX.length());
        if (rest.equals("invocation/next") && request.method().equals("GET")) {
            return next(later);
        }
        if (rest.equals("init/error") && request.method().equals("POST")) {
            return initError(request);
        }
        if (rest.startsWith("invocation/") && request.method().equals("POST")) {
            String[] parts = rest.split("/");
            if (parts.length == 3 && parts[2].equals("response")) {
                return answer(parts[1], request, false, later);
            }
            if (parts.length == 3 && parts[2].equals("error")) {
                return answer(parts[1], request, true, later);
            }
        }
        return RuntimeApiListener.Reply.error(404, "NotFound", "Unknown path " + path);
    }

    private RuntimeApiListener.Reply next(RuntimeApiListener.Responder later) {
        Invocation invocation;
        boolean readyUnowned = false;
        lock.lock();
        try {
            if (state == State.BUSY) {
                return RuntimeApiListener.Reply.error(403, "InvalidStateTransition",
                        "State transition from Running to Ready failed for runtime. Error: an invocation is "
                                + "still waiting for its response");
            }
            if (state == State.DEAD) {
                return shuttingDown();
            }
            if (state == State.STARTING) {
                initDurationMs = (System.nanoTime() - launchedNanos) / 1e6;
            }
            state = State.WAITING;
            if (pending == null) {
                parkedNext = later;
                readyUnowned = unowned;
                unowned = false;
            }
            invocation = pending;
            pending = null;
            if (invocation != null) {
                deliver(invocation);
            }
        } finally {
            lock.unlock();
        }
        if (invocation == null) {
            if (readyUnowned) {
                // Not on this thread: the listener may hand this sandbox an event, whose reply must not be
                // written before this request has been marked as answered later.
                Thread.ofVirtual().start(() -> unownedListener.accept(this));
            }
            return RuntimeApiListener.Reply.LATER;
        }
        return eventReply(invocation);
    }

    /** Hands an event to the runtime: the invocation runs from here. Holds the lock. */
    private void deliver(Invocation invocation) {
        current = invocation;
        state = State.BUSY;
        invocation.deliveredNanos = System.nanoTime();
        invocation.deadlineEpochMillis = clock.millis() + invocation.timeoutSeconds * 1000L;
        invocation.delivered = true;
        if (invocation.timer != null) {
            invocation.timer.cancel();
        }
        invocation.timer = invocation.finished ? null : TIMERS.arm(
                TimeUnit.SECONDS.toNanos(invocation.timeoutSeconds),
                () -> Thread.ofVirtual().start(() -> timedOut(invocation)));
        log.begin("START RequestId: " + invocation.requestId + " Version: " + version, invocation.tailLog);
    }

    private static RuntimeApiListener.Reply eventReply(Invocation invocation) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedArn);
        headers.put("Lambda-Runtime-Trace-Id", invocation.traceId);
        invocation.clientContext.filter(c -> !c.isEmpty())
                .ifPresent(c -> headers.put("Lambda-Runtime-Client-Context", c));
        return new RuntimeApiListener.Reply(200, headers, invocation.payload);
    }

    private static RuntimeApiListener.Reply shuttingDown() {
        return RuntimeApiListener.Reply.error(500, "Runtime.ExitError", "The sandbox is shutting down");
    }

    /** Marks the sandbox dead and answers a parked {@code next}, if any, that it is shutting down. */
    private void die() {
        RuntimeApiListener.Responder parked;
        lock.lock();
        try {
            state = State.DEAD;
            parked = parkedNext;
            parkedNext = null;
        } finally {
            lock.unlock();
        }
        if (parked != null) {
            parked.reply(shuttingDown());
        }
    }

    private RuntimeApiListener.Reply answer(String requestId, RuntimeApiListener.Request request, boolean error,
            RuntimeApiListener.Responder runtime) {
        Invocation invocation;
        lock.lock();
        try {
            if (current == null || !current.requestId.equals(requestId) || current.finished) {
                return RuntimeApiListener.Reply.error(400, "InvalidRequestID", "Invalid request ID");
            }
            invocation = current;
            invocation.finished = true;
        } finally {
            lock.unlock();
        }
        // Lambda's Duration ends when the runtime posts its answer, not when the platform has logged it.
        double durationMs = (System.nanoTime() - invocation.deliveredNanos) / 1e6;
        Ending ending;
        RuntimeApiListener.Reply reply = RuntimeApiListener.Reply.json(202, "{\"status\":\"OK\"}");
        if (request.bodyTooLarge()) {
            byte[] body = errorDocument("Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES
                            + " bytes).");
            ending = ending(invocation, body, true, durationMs, "error", "Function.ResponseSizeTooLarge");
            reply = RuntimeApiListener.Reply.error(413, "RequestEntityTooLarge",
                    "Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).");
        } else if (error) {
            String type = request.headers().getOrDefault("lambda-runtime-function-error-type", "Unhandled");
            // The runtime handled the failure: the REPORT line carries no status, as in Lambda.
            ending = ending(invocation, errorBody(request, type), true, durationMs, null, null);
        } else {
            ending = ending(invocation, request.body(), false, durationMs, null, null);
        }
        idleSinceNanos = System.nanoTime();
        if (!invocation.tailLog) {
            // The caller's answer needs nothing from the log, so it goes out before the log is drained. The
            // runtime's next request waits for this post's reply, so the invocation's END line still comes before
            // the next START; an event handed to this sandbox meanwhile waits as pending for that request.
            invocation.outcome.complete(ending.outcome(""));
            if (reply.status() == 202) {
                // A runtime that asks for its next event only once its post is answered (most custom runtimes)
                // gets the 202 now and prepares that request while the log is drained; the request is read
                // once this returns, so the next START still follows this END.
                runtime.acceptNow(reply);
                reply = RuntimeApiListener.Reply.LATER;
            }
        }
        output.drain(request.headers().get(SandboxOutput.FENCE_HEADER));
        String tail = log.finish("END RequestId: " + invocation.requestId, ending.report());
        lock.lock();
        try {
            current = null;
            if (state == State.BUSY) {
                state = State.WAITING;
            }
        } finally {
            lock.unlock();
        }
        if (invocation.tailLog) {
            invocation.outcome.complete(ending.outcome(tail));
        }
        return reply;
    }

    private RuntimeApiListener.Reply initError(RuntimeApiListener.Request request) {
        Invocation victim;
        lock.lock();
        try {
            if (state != State.STARTING) {
                return RuntimeApiListener.Reply.error(403, "InvalidStateTransition",
                        "State transition from Ready to InitError failed for runtime. Error: init already ended");
            }
            state = State.DEAD;
            victim = pending;
            pending = null;
            if (victim != null) {
                victim.finished = true;
            }
        } finally {
            lock.unlock();
        }
        String type = request.headers().getOrDefault("lambda-runtime-function-error-type", "Runtime.Unknown");
        output.drain(request.headers().get(SandboxOutput.FENCE_HEADER));
        double initMs = (System.nanoTime() - launchedNanos) / 1e6;
        log.line(String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: init\tStatus: error\t"
                + "Error Type: %s", initMs, type));
        if (victim != null) {
            byte[] body = errorBody(request, type);
            log.begin("START RequestId: " + victim.requestId + " Version: " + version, victim.tailLog);
            victim.outcome.complete(closing(victim, body, true, 0, "error", type));
        }
        started.kill();
        return RuntimeApiListener.Reply.json(202, "{\"status\":\"OK\"}");
    }

    private static byte[] errorBody(RuntimeApiListener.Request request, String type) {
        if (request.body().length > 0) {
            return request.body();
        }
        return errorDocument(type, "");
    }

    // ---- Ending invocations -------------------------------------------------------------------------------

    /** Writes END and REPORT and builds the outcome. */
    private Invocation.Outcome closing(Invocation invocation, byte[] payload, boolean functionError,
                                       double durationMs, String status, String errorType) {
        Ending ending = ending(invocation, payload, functionError, durationMs, status, errorType);
        return ending.outcome(log.finish("END RequestId: " + invocation.requestId, ending.report()));
    }

    /** An ended invocation's figures and its REPORT line, measured when it ended; nothing written yet. */
    private record Ending(byte[] payload, boolean functionError, double durationMs, long billedMs, int maxUsedMb,
                          double initMs, String report) {

        Invocation.Outcome outcome(String tail) {
            return new Invocation.Outcome(payload, "application/json", functionError, tail, durationMs, billedMs,
                    maxUsedMb, initMs, false);
        }
    }

    private Ending ending(Invocation invocation, byte[] payload, boolean functionError, double durationMs,
                          String status, String errorType) {
        long billed = Math.max(1, (long) Math.ceil(durationMs));
        int maxUsed = (int) Math.max(1, Math.ceil(started.peakMemoryBytes() / (1024.0 * 1024.0)));
        StringBuilder report = new StringBuilder(192);
        report.append("REPORT RequestId: ").append(invocation.requestId)
                .append("\tDuration: ");
        appendTwoDecimals(report, durationMs).append(" ms\tBilled Duration: ").append(billed)
                .append(" ms\tMemory Size: ").append(memoryMb).append(" MB\tMax Memory Used: ").append(maxUsed)
                .append(" MB\t");
        double init = -1;
        lock.lock();
        try {
            if (!initReported && initDurationMs >= 0) {
                init = initDurationMs;
                initReported = true;
            }
        } finally {
            lock.unlock();
        }
        if (init >= 0) {
            appendTwoDecimals(report.append("Init Duration: "), init).append(" ms\t");
        }
        if (status != null) {
            report.append("Status: ").append(status);
            if (errorType != null) {
                report.append("\tError Type: ").append(errorType);
            }
        }
        return new Ending(payload, functionError, durationMs, billed, maxUsed, init, report.toString());
    }

    /** {@code %.2f} without a Formatter, which costs microseconds on every REPORT line. */
    static StringBuilder appendTwoDecimals(StringBuilder to, double value) {
        long hundredths = Math.round(value * 100);
        to.append(hundredths / 100).append('.');
        long fraction = hundredths % 100;
        return to.append(fraction < 10 ? "0" : "").append(fraction);
    }

    private void timedOut(Invocation invocation) {
        lock.lock();
        try {
            if (invocation.finished) {
                return;
            }
            invocation.finished = true;
            state = State.DEAD;
        } finally {
            lock.unlock();
        }
        started.kill();
        output.awaitEnd();
        String seconds = String.format(Locale.ROOT, "%.2f", (double) invocation.timeoutSeconds);
        log.line(Instant.ofEpochMilli(clock.millis()) + " " + invocation.requestId + " Task timed out after "
                + seconds + " seconds");
        double durationMs = (System.nanoTime() - invocation.deliveredNanos) / 1e6;
        byte[] body = errorDocument("Sandbox.Timedout", "RequestId: " + invocation.requestId
                + " Error: Task timed out after " + seconds + " seconds");
        invocation.outcome.complete(closing(invocation, body, true, durationMs, "timeout", null));
    }

    private void initTimedOut(Invocation invocation) {
        lock.lock();
        try {
            // Not ours any more when it was withdrawn to run elsewhere.
            if (invocation.finished || invocation.delivered || pending != invocation) {
                return;
            }
            invocation.finished = true;
            pending = null;
            state = State.DEAD;
        } finally {
            lock.unlock();
        }
        started.kill();
        output.awaitEnd();
        log.line(String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: init\tStatus: timeout",
                initLimitNanos / 1e6));
        log.begin("START RequestId: " + invocation.requestId + " Version: " + version, invocation.tailLog);
        String seconds = String.format(Locale.ROOT, "%.2f", initLimitNanos / 1e9);
        byte[] body = errorDocument("Sandbox.Timedout", "RequestId: " + invocation.requestId
                + " Error: Task timed out after " + seconds + " seconds");
        invocation.outcome.complete(closing(invocation, body, true, 0, "timeout", null));
    }

    private void onProcessExit() {
        output.awaitEnd();
        // What the runtime posted just before it ended counts: its connections are read to their end first.
        listener.awaitConnectionsEnded(CONNECTIONS_END_LIMIT_NANOS);
        Invocation running;
        Invocation waiting;
        boolean starting;
        boolean diedUnowned;
        lock.lock();
        try {
            diedUnowned = unowned;
            unowned = false;
            starting = state == State.STARTING;
            state = State.DEAD;
            running = current != null && !current.finished ? current : null;
            waiting = pending != null && !pending.finished ? pending : null;
            if (running != null) {
                running.finished = true;
            }
            if (waiting != null) {
                waiting.finished = true;
                pending = null;
            }
            parkedNext = null;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            Crash crash = exitOutcome(running);
            double durationMs = (System.nanoTime() - running.deliveredNanos) / 1e6;
            running.outcome.complete(closing(running, crash.body, true, durationMs, "error", crash.type));
        }
        if (waiting != null && !starting) {
            // The runtime ended after its last answer, before taking this event: another sandbox runs it.
            waiting.outcome.complete(Invocation.Outcome.UNDELIVERED);
        } else if (waiting != null) {
            Crash crash = exitOutcome(waiting);
            log.line(String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: init\tStatus: "
                    + "error\tError Type: %s", (System.nanoTime() - launchedNanos) / 1e6, crash.type));
            finishUndelivered(waiting, crash);
        }
        if (diedUnowned) {
            unownedListener.accept(this);
        }
        // Resources are released by whoever owns the sandbox (the pool), after every invocation has finished.
    }

    private void finishUndelivered(Invocation invocation, Crash crash) {
        invocation.finished = true;
        log.begin("START RequestId: " + invocation.requestId + " Version: " + version, invocation.tailLog);
        invocation.outcome.complete(closing(invocation, crash.body, true, 0, "error", crash.type));
    }

    private record Crash(String type, byte[] body) {
    }

    /** The platform's error for a runtime that ended: out of memory, or how the process exited. */
    private Crash exitOutcome(Invocation invocation) {
        Process process = started.process();
        String reason;
        if (process.isAlive()) {
            reason = "Runtime exited without providing a reason";
        } else {
            int code = process.exitValue();
            if (code == 0) {
                reason = "Runtime exited without providing a reason";
            } else if (code > 128) {
                reason = "Runtime exited with error: signal: " + signalName(code - 128);
            } else {
                reason = "Runtime exited with error: exit status " + code;
            }
        }
        String type = started.outOfMemory() ? "Runtime.OutOfMemory" : "Runtime.ExitError";
        if (started.outOfMemory()) {
            reason = "Runtime exited with error: signal: killed";
        }
        return new Crash(type, errorDocument(type, "RequestId: " + invocation.requestId + " Error: " + reason));
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> "hangup";
            case 2 -> "interrupt";
            case 6 -> "aborted";
            case 9 -> "killed";
            case 11 -> "segmentation fault";
            case 13 -> "broken pipe";
            case 15 -> "terminated";
            default -> "signal " + signal;
        };
    }

    static byte[] errorDocument(String type, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("errorType", type);
        node.put("errorMessage", message);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- Shutdown ---------------------------------------------------------------------------------------------

    /** Stops the sandbox: kills its processes and releases what it held. Idempotent. */
    public void close() {
        die();
        started.kill();
        if (closedOnce()) {
            return;
        }
        try {
            started.process().waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.processEnded();
        listener.close();
        started.release();
        uid.ifPresent(isolation::releaseUid);
        log.close();
    }

    private boolean closedOnce() {
        return closed.getAndSet(true);
    }
}
