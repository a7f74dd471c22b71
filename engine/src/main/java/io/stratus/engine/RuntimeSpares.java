package io.stratus.engine;

import io.stratus.engine.sandbox.Spare;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-started runtimes ({@link Spare}s) per {@link SpareKind} (a runtime identifier, and for Java a memory size),
 * so that a function's first sandbox skips interpreter start-up. A kind gets spares once a function of it has
 * started a sandbox, and keeps {@code perRuntime} of them, each replaced in the background as soon as it is
 * adopted; a kind no function started a sandbox of for the keep-alive period (at least a minute) loses its spares.
 *
 * <p>Spares are outside the sandbox memory budget: there are at most {@code perRuntime} per kind in use, each
 * limited to 128 MB until adopted (a Java spare to its memory size, though an idle JVM uses a few tens of MB).
 */
final class RuntimeSpares implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeSpares.class);

    /** Starts a spare of a kind. */
    interface Starter {
        Spare start(SpareKind kind) throws IOException;
    }

    private final Starter starter;
    private final int perRuntime;
    private final Map<SpareKind, Deque<Spare>> spares = new HashMap<>();
    private final Map<SpareKind, Integer> starting = new HashMap<>();
    private final Map<SpareKind, Long> lastWantedNanos = new HashMap<>();
    private final Map<SpareKind, Integer> adopted = new HashMap<>();
    private boolean closed;

    RuntimeSpares(Starter starter, int perRuntime) {
        this.starter = starter;
        this.perRuntime = perRuntime;
    }

    /** Notes that a sandbox of this kind is being started, and tops its spares up in the background. */
    void wanted(SpareKind kind) {
        int missing;
        synchronized (this) {
            if (closed) {
                return;
            }
            lastWantedNanos.put(kind, System.nanoTime());
            Deque<Spare> ready = spares.computeIfAbsent(kind, k -> new ArrayDeque<>());
            missing = perRuntime - ready.size() - starting.getOrDefault(kind, 0);
            if (missing <= 0) {
                return;
            }
            starting.merge(kind, missing, Integer::sum);
        }
        for (int i = 0; i < missing; i++) {
            Thread.ofVirtual().name("spare-" + kind.label()).start(() -> startOne(kind));
        }
    }

    private void startOne(SpareKind kind) {
        Spare spare = null;
        try {
            spare = starter.start(kind);
        } catch (IOException | RuntimeException e) {
            LOG.warn("a {} runtime could not be pre-started: {}", kind.label(), e.toString());
        }
        boolean keep;
        synchronized (this) {
            starting.merge(kind, -1, Integer::sum);
            keep = spare != null && !closed;
            if (keep) {
                spares.computeIfAbsent(kind, k -> new ArrayDeque<>()).addLast(spare);
            }
        }
        if (!keep && spare != null) {
            spare.close();
        }
    }

    /**
     * A spare whose runtime is up and waiting, claimed for the caller; empty when none is ready (still starting,
     * or none kept of this kind).
     */
    Optional<Spare> take(SpareKind kind) {
        List<Spare> dead = new ArrayList<>();
        Optional<Spare> taken = Optional.empty();
        synchronized (this) {
            Deque<Spare> ready = spares.get(kind);
            if (ready != null) {
                for (var it = ready.iterator(); it.hasNext(); ) {
                    Spare spare = it.next();
                    if (spare.ready() && spare.claim()) {
                        it.remove();
                        taken = Optional.of(spare);
                        break;
                    }
                    if (!spare.ready() && !spare.startedRecently()) {
                        it.remove();
                        dead.add(spare);
                    }
                }
            }
        }
        dead.forEach(Spare::close);
        return taken;
    }

    /** Drops the spares of kinds no sandbox was started for within {@code idleNanos}. */
    void reap(long idleNanos) {
        List<Spare> drop = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            lastWantedNanos.entrySet().removeIf(e -> {
                if (now - e.getValue() < idleNanos) {
                    return false;
                }
                Deque<Spare> ready = spares.remove(e.getKey());
                if (ready != null) {
                    drop.addAll(ready);
                }
                return true;
            });
        }
        drop.forEach(Spare::close);
    }

    /** Counts a spare of this kind that a function's sandbox adopted. */
    synchronized void adopted(SpareKind kind) {
        adopted.merge(kind, 1, Integer::sum);
    }

    /** Ready spares and adoptions so far per kind, by {@link SpareKind#label()}, for the engine's status. */
    synchronized Map<String, Engine.SpareCount> counts() {
        Map<String, Engine.SpareCount> out = new LinkedHashMap<>();
        spares.forEach((kind, ready) -> out.put(kind.label(), new Engine.SpareCount(
                (int) ready.stream().filter(Spare::ready).count(), adopted.getOrDefault(kind, 0))));
        adopted.forEach((kind, n) -> out.putIfAbsent(kind.label(), new Engine.SpareCount(0, n)));
        return out;
    }

    @Override
    public void close() {
        List<Spare> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            spares.values().forEach(all::addAll);
            spares.clear();
        }
        all.forEach(Spare::close);
    }
}
