package io.stratus.engine;

import io.stratus.engine.sandbox.Invocation;
import io.stratus.engine.sandbox.Sandbox;
import io.stratus.engine.sandbox.SandboxSpec;
import io.stratus.model.error.TooManyRequestsException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The sandboxes of every function version: idle ones ready for reuse (most recently used first, so the warm
 * ones stay warm and the others age out), busy ones, and the memory they reserve on this host.
 *
 * <p>A version's pool belongs to one spec; an invocation with a different spec (new code or configuration)
 * retires the old pool: its idle sandboxes stop at once and its busy ones when they finish.
 *
 * <p>An invocation that finds no idle sandbox starts a new one and waits for its init, as on Lambda, but it runs
 * in whichever sandbox of the version is free first: a sandbox that finishes an invocation (or its init) while an
 * event still waits for a starting sandbox takes that event over ({@link Sandbox#withdraw()}). The starting
 * sandbox goes on without an owner and is the first choice of the next invocation that finds none idle. So a
 * burst never waits for cold starts that warm sandboxes could have covered, and a version never starts more
 * sandboxes than it had invocations at once.
 */
final class SandboxPools {

    private final SandboxFactory factory;
    private final long memoryBudgetMb;
    private final Map<Key, Pool> pools = new HashMap<>();
    private final Map<Sandbox, Pool> owners = new HashMap<>();
    private long reservedMb;

    private record Key(String function, String version) {
    }

    private static final class Pool {
        final SandboxSpec spec;
        /** Idle on-demand sandboxes, most recently used first. */
        final Deque<Sandbox> idle = new ArrayDeque<>();
        /**
         * Idle provisioned sandboxes. Kept apart from {@link #idle} so that taking one is O(1) whatever the pool's
         * size: a scan of every idle sandbox per invocation showed up as a fifth of the server's CPU at 141
         * sandboxes.
         */
        final Deque<Sandbox> idlePinned = new ArrayDeque<>();
        final Set<Sandbox> all = new HashSet<>();
        /** Sandboxes started for an invocation that may still wait for their init, oldest first. */
        final Deque<Sandbox> coldBound = new ArrayDeque<>();
        /** Starting sandboxes whose first event was taken over by another: no owner until ready or claimed. */
        final Deque<Sandbox> unowned = new ArrayDeque<>();
        /** Provisioned sandboxes: kept whatever the keep-alive, used first, replaced when they die. */
        final Set<Sandbox> pinned = new HashSet<>();
        int provisionedTarget;
        boolean retired;

        Pool(SandboxSpec spec) {
            this.spec = spec;
        }

        void addIdle(Sandbox sandbox) {
            (pinned.contains(sandbox) ? idlePinned : idle).addFirst(sandbox);
        }

        void removeIdle(Sandbox sandbox) {
            if (!idle.remove(sandbox)) {
                idlePinned.remove(sandbox);
            }
        }

        int idleCount() {
            return idle.size() + idlePinned.size();
        }

        /** No longer provisioned: it ages out like any on-demand sandbox from now on. */
        void unpin(Sandbox sandbox) {
            pinned.remove(sandbox);
            if (idlePinned.remove(sandbox)) {
                idle.addFirst(sandbox);
            }
        }
    }

    SandboxPools(SandboxFactory factory, long memoryBudgetMb) {
        this.factory = factory;
        this.memoryBudgetMb = memoryBudgetMb;
    }

    /**
     * Runs an invocation in a sandbox of the spec: an idle one, else one starting without an owner, else a new one.
     * Its outcome completes once it ended; the sandbox it ran in is then {@link Invocation#host()}, to be
     * {@link #release released}.
     *
     * @throws TooManyRequestsException when this host has no memory left for another sandbox
     */
    CompletableFuture<Invocation.Outcome> dispatch(SandboxSpec spec, Invocation invocation) throws IOException {
        Sandbox sandbox = acquire(spec);
        boolean mayStart = !sandbox.initialized();
        CompletableFuture<Invocation.Outcome> outcome;
        try {
            outcome = sandbox.start(invocation);
        } catch (RuntimeException e) {
            release(sandbox);
            throw e;
        }
        if (mayStart) {
            waitForFirstFree(sandbox);
        }
        return outcome;
    }

    /**
     * A sandbox was given an event while it starts: a sandbox of the version freed up while it was being chosen or
     * spawned takes the event over at once; otherwise the next one to free up will (under this lock, either this
     * sees the free sandbox or its release sees this one waiting).
     */
    private void waitForFirstFree(Sandbox starting) {
        List<Sandbox> toClose = new ArrayList<>();
        Sandbox free = null;
        Invocation moved = null;
        synchronized (this) {
            Pool pool = owners.get(starting);
            if (pool == null || pool.retired) {
                return;
            }
            free = takeIdle(pool, toClose);
            if (free == null) {
                pool.coldBound.addLast(starting);
            } else {
                moved = starting.withdraw();
                if (moved == null) {
                    pool.addIdle(free); // its runtime took the event already
                } else {
                    pool.unowned.addLast(starting);
                }
            }
        }
        closeAll(toClose);
        if (moved != null) {
            free.start(moved);
        }
    }

    private Sandbox acquire(SandboxSpec spec) throws IOException {
        List<Sandbox> toClose = new ArrayList<>();
        Pool pool;
        int memory = spec.config().memoryMb();
        synchronized (this) {
            Key key = new Key(spec.functionName(), spec.version());
            pool = pools.get(key);
            if (pool != null && !pool.spec.equals(spec)) {
                retire(pool, toClose);
                pool = null;
            }
            if (pool == null) {
                pool = new Pool(spec);
                pools.put(key, pool);
            }
            Sandbox reused = takeIdle(pool, toClose);
            if (reused == null) {
                reused = pool.unowned.pollFirst();
            }
            if (reused != null) {
                closeAll(toClose);
                return reused;
            }
            if (reservedMb + memory > memoryBudgetMb) {
                evictIdle(memory, toClose);
            }
            if (reservedMb + memory > memoryBudgetMb) {
                closeAllLater(toClose);
                throw new TooManyRequestsException("ConcurrentInvocationLimitExceeded", 1);
            }
            reservedMb += memory;
        }
        closeAll(toClose);
        Sandbox started;
        try {
            started = factory.start(spec);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                reservedMb -= memory;
            }
            throw e;
        }
        started.unownedListener(this::unownedSettled);
        synchronized (this) {
            pool.all.add(started);
            owners.put(started, pool);
            if (pool.retired) {
                forget(started, toClose);
            }
        }
        return started;
    }

    /** An idle live sandbox of the pool, a provisioned one first. */
    private Sandbox takeIdle(Pool pool, List<Sandbox> toClose) {
        Sandbox provisioned = takeIdle(pool, true, toClose);
        return provisioned != null ? provisioned : takeIdle(pool, false, toClose);
    }

    /** An idle live sandbox of the pool (a provisioned one when asked), dropping dead ones met on the way. */
    private Sandbox takeIdle(Pool pool, boolean provisioned, List<Sandbox> toClose) {
        for (var it = (provisioned ? pool.idlePinned : pool.idle).iterator(); it.hasNext(); ) {
            Sandbox s = it.next();
            if (!s.alive()) {
                it.remove();
                forget(s, toClose);
            } else if (!provisioned || s.initialized()) {
                it.remove();
                return s;
            }
        }
        return null;
    }

    /**
     * Sets how many provisioned sandboxes a function version keeps (0 stops provisioning; its sandboxes then age
     * out like any other), and starts the missing ones.
     */
    void provision(SandboxSpec spec, int target) {
        List<Sandbox> toClose = new ArrayList<>();
        int missing;
        synchronized (this) {
            Key key = new Key(spec.functionName(), spec.version());
            Pool pool = pools.get(key);
            if (pool == null && target == 0) {
                return;
            }
            if (pool != null && !pool.spec.equals(spec)) {
                retire(pool, toClose);
                pool = null;
            }
            if (pool == null) {
                pool = new Pool(spec);
                pools.put(key, pool);
            }
            pool.provisionedTarget = target;
            pool.pinned.removeIf(s -> !s.alive());
            while (pool.pinned.size() > target) {
                pool.unpin(pool.pinned.iterator().next());
            }
            missing = target - pool.pinned.size();
        }
        closeAll(toClose);
        for (int i = 0; i < missing; i++) {
            startProvisioned(spec);
        }
    }

    private void startProvisioned(SandboxSpec spec) {
        int memory = spec.config().memoryMb();
        synchronized (this) {
            if (reservedMb + memory > memoryBudgetMb) {
                return;
            }
            reservedMb += memory;
        }
        Sandbox started;
        try {
            started = factory.start(spec, true);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                reservedMb -= memory;
            }
            return;
        }
        synchronized (this) {
            Pool pool = pools.get(new Key(spec.functionName(), spec.version()));
            if (pool == null || pool.retired || !pool.spec.equals(spec)) {
                reservedMb -= memory;
                closeQuietly(started);
                return;
            }
            pool.all.add(started);
            pool.pinned.add(started);
            pool.addIdle(started);
            owners.put(started, pool);
        }
    }

    /** Provisioned sandboxes of a version that finished their init. */
    synchronized int provisionedReady(String function, String version) {
        Pool pool = pools.get(new Key(function, version));
        if (pool == null) {
            return 0;
        }
        return (int) pool.pinned.stream().filter(Sandbox::initialized).count();
    }

    /**
     * Returns a sandbox after an invocation: it takes over an event still waiting for a starting sandbox, else
     * goes back to its pool when it can serve again, else is stopped.
     */
    void release(Sandbox sandbox) {
        freed(sandbox, false);
    }

    /**
     * A sandbox that started without an owner is ready (or died): it takes over a waiting event, else goes idle.
     * Ignored when an invocation claimed it meanwhile.
     */
    private void unownedSettled(Sandbox sandbox) {
        freed(sandbox, true);
    }

    private void freed(Sandbox sandbox, boolean unowned) {
        List<Sandbox> toClose = new ArrayList<>();
        Invocation takenOver = null;
        synchronized (this) {
            Pool pool = owners.get(sandbox);
            if (unowned && (pool == null || !pool.unowned.remove(sandbox))) {
                return;
            }
            if (pool == null) {
                toClose.add(sandbox);
            } else if (pool.retired || !sandbox.alive()) {
                forget(sandbox, toClose);
            } else {
                takenOver = takeOverWaiting(pool);
                if (takenOver == null) {
                    pool.addIdle(sandbox);
                }
            }
        }
        closeAll(toClose);
        if (takenOver != null) {
            sandbox.start(takenOver);
        }
    }

    /**
     * The oldest event still waiting for a starting sandbox, withdrawn from it (that sandbox becomes unowned);
     * null when none waits. Sandboxes met whose runtime took their event already are dropped from the list.
     */
    private Invocation takeOverWaiting(Pool pool) {
        for (Sandbox starting; (starting = pool.coldBound.pollFirst()) != null; ) {
            Invocation waiting = starting.withdraw();
            if (waiting != null) {
                pool.unowned.addLast(starting);
                return waiting;
            }
        }
        return null;
    }

    /**
     * Retires the pools of a function (its code or configuration changed, or it was deleted): of one version, or
     * of all when the version is empty.
     */
    void retireFunction(String functionName, java.util.Optional<String> version) {
        List<Sandbox> toClose = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<Key, Pool> e : List.copyOf(pools.entrySet())) {
                if (e.getKey().function().equals(functionName)
                        && version.map(v -> v.equals(e.getKey().version())).orElse(true)) {
                    retire(e.getValue(), toClose);
                }
            }
        }
        closeAll(toClose);
    }

    /** Stops sandboxes idle for longer than the keep-alive, and idle ones whose process died. */
    void reap(long keepAliveNanos) {
        List<Sandbox> toClose = new ArrayList<>();
        List<SandboxSpec> replenish = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Pool pool : pools.values()) {
                pool.pinned.removeIf(s -> !s.alive());
                for (int i = pool.pinned.size(); i < pool.provisionedTarget && !pool.retired; i++) {
                    replenish.add(pool.spec);
                }
                for (Sandbox s : List.copyOf(pool.idlePinned)) {
                    if (!s.alive()) {
                        forget(s, toClose);
                    }
                }
                for (Sandbox s : List.copyOf(pool.idle)) {
                    if (!s.alive() || now - s.idleSinceNanos() > keepAliveNanos) {
                        forget(s, toClose);
                    }
                }
            }
            pools.values().removeIf(p -> p.all.isEmpty() && p.retired);
        }
        closeAll(toClose);
        replenish.forEach(this::startProvisioned);
    }

    /** Live sandboxes per function, for the status endpoint. */
    synchronized Map<String, Counts> counts() {
        Map<String, Counts> counts = new LinkedHashMap<>();
        for (Map.Entry<Key, Pool> e : pools.entrySet()) {
            Counts c = counts.getOrDefault(e.getKey().function(), new Counts(0, 0));
            counts.put(e.getKey().function(), new Counts(c.total() + e.getValue().all.size(),
                    c.idle() + e.getValue().idleCount()));
        }
        return counts;
    }

    /**
     * Sandbox counts.
     *
     * @param total live sandboxes
     * @param idle  those waiting for an invocation
     */
    record Counts(int total, int idle) {
    }

    /** Stops everything. */
    void closeAll() {
        List<Sandbox> toClose = new ArrayList<>();
        synchronized (this) {
            for (Pool pool : pools.values()) {
                retire(pool, toClose);
                toClose.addAll(pool.all);
            }
            pools.clear();
            owners.clear();
        }
        toClose.parallelStream().forEach(Sandbox::close);
    }

    private void retire(Pool pool, List<Sandbox> toClose) {
        pool.retired = true;
        pool.provisionedTarget = 0;
        for (Sandbox s : List.copyOf(pool.idlePinned)) {
            forget(s, toClose);
        }
        for (Sandbox s : List.copyOf(pool.idle)) {
            forget(s, toClose);
        }
        for (Sandbox s : List.copyOf(pool.unowned)) {
            forget(s, toClose);
        }
        pool.coldBound.clear();
        pool.pinned.clear();
    }

    private void evictIdle(int neededMb, List<Sandbox> toClose) {
        List<Sandbox> idle = new ArrayList<>();
        pools.values().forEach(p -> idle.addAll(p.idle));
        idle.sort((a, b) -> Long.compare(a.idleSinceNanos(), b.idleSinceNanos()));
        for (Sandbox s : idle) {
            if (reservedMb + neededMb <= memoryBudgetMb) {
                return;
            }
            forget(s, toClose);
        }
    }

    /** Removes a sandbox from the books; the caller closes it outside the lock. */
    private void forget(Sandbox sandbox, List<Sandbox> toClose) {
        Pool pool = owners.remove(sandbox);
        if (pool != null) {
            pool.all.remove(sandbox);
            pool.removeIdle(sandbox);
            pool.unowned.remove(sandbox);
            pool.coldBound.remove(sandbox);
            reservedMb -= pool.spec.config().memoryMb();
        }
        toClose.add(sandbox);
    }

    private static void closeAll(List<Sandbox> sandboxes) {
        sandboxes.forEach(SandboxPools::closeQuietly);
    }

    private static void closeAllLater(List<Sandbox> sandboxes) {
        List<Sandbox> copy = List.copyOf(sandboxes);
        sandboxes.clear();
        if (!copy.isEmpty()) {
            Thread.ofVirtual().start(() -> closeAll(copy));
        }
    }

    private static void closeQuietly(Sandbox sandbox) {
        Thread.ofVirtual().start(sandbox::close);
    }
}
