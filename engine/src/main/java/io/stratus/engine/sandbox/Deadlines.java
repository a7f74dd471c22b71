package io.stratus.engine.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines (of invocations, and of HTTP API integrations), watched by one platform thread that sleeps until the
 * earliest one.
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: it signals its thread whenever a new task becomes the head of
 * its queue, which at concurrency 1 is every invocation (the previous deadline was cancelled), and that wake-up
 * was a tenth of the server's CPU per invocation. Here arming and cancelling touch only a concurrent set; the
 * thread is woken only for a deadline earlier than the one it sleeps until, which deadlines of equal timeouts
 * armed one after another never are.
 */
public final class Deadlines {

    private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);

    /** One armed deadline; {@link #cancel()} disarms it (a no-op once it fired). */
    public static final class Deadline {
        private final Deadlines owner;
        private final long dueNanos;
        private final Runnable action;

        private Deadline(Deadlines owner, long dueNanos, Runnable action) {
            this.owner = owner;
            this.dueNanos = dueNanos;
            this.action = action;
        }

        public void cancel() {
            owner.armed.remove(this);
        }
    }

    private final Set<Deadline> armed = ConcurrentHashMap.newKeySet();
    private final Thread watcher;
    /** When the watcher wakes next; {@code Long.MAX_VALUE} while it scans or has nothing to wait for. */
    private volatile long wakeAtNanos = Long.MAX_VALUE;

    public Deadlines(String threadName) {
        watcher = Thread.ofPlatform().name(threadName).daemon(true).stackSize(256 * 1024).start(this::watch);
    }

    /**
     * Runs {@code action} on the watcher's thread once {@code delayNanos} have passed, unless cancelled first. The
     * action must be quick (hand real work to another thread).
     */
    public Deadline arm(long delayNanos, Runnable action) {
        Deadline deadline = new Deadline(this, System.nanoTime() + delayNanos, action);
        armed.add(deadline);
        if (deadline.dueNanos < wakeAtNanos) {
            LockSupport.unpark(watcher);
        }
        return deadline;
    }

    private void watch() {
        for (;;) {
            // From here until the scan has chosen its wake-up time every arm() unparks us: a deadline the scan
            // below does not see still gets its turn (the permit makes the park return at once).
            wakeAtNanos = Long.MAX_VALUE;
            long now = System.nanoTime();
            long next = Long.MAX_VALUE;
            for (Deadline d : armed) {
                if (d.dueNanos - now <= 0) {
                    if (armed.remove(d)) {
                        fire(d);
                    }
                } else if (d.dueNanos < next) {
                    next = d.dueNanos;
                }
            }
            wakeAtNanos = next;
            if (next == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, next - System.nanoTime());
            }
        }
    }

    private static void fire(Deadline deadline) {
        try {
            deadline.action.run();
        } catch (RuntimeException e) {
            LOG.error("a deadline's action failed", e);
        }
    }
}
