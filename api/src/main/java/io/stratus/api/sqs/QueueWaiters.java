package io.stratus.api.sqs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets long-polling receivers sleep until their queue may have something for them. A receiver reads the queue's
 * {@link #version(String)}, looks in the store, and when it found nothing calls {@link #await} with that version:
 * a send that happened in between has already moved the version on, so no wake-up is lost. Thread-safe.
 */
final class QueueWaiters {

    /** One queue's change count; {@link #version} and the waiting are guarded by {@link #lock}. */
    private static final class Signal {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long version;
    }

    private final ConcurrentHashMap<String, Signal> signals = new ConcurrentHashMap<>();
    private volatile boolean closed;

    long version(String queue) {
        Signal s = signal(queue);
        s.lock.lock();
        try {
            return s.version;
        } finally {
            s.lock.unlock();
        }
    }

    /** Wakes the receivers of a queue: it got messages, or was deleted or purged. */
    void changed(String queue) {
        Signal s = signal(queue);
        s.lock.lock();
        try {
            s.version++;
            s.changed.signalAll();
        } finally {
            s.lock.unlock();
        }
    }

    /**
     * Sleeps until the queue changes after {@code seenVersion}, {@code nanos} pass, or the service closes.
     *
     * @return false when the service closed (the receiver should answer now)
     */
    boolean await(String queue, long seenVersion, long nanos) throws InterruptedException {
        Signal s = signal(queue);
        s.lock.lock();
        try {
            long left = nanos;
            while (s.version == seenVersion && left > 0 && !closed) {
                left = s.changed.awaitNanos(left);
            }
            return !closed;
        } finally {
            s.lock.unlock();
        }
    }

    /** Wakes every receiver for good: the server stops. */
    void close() {
        closed = true;
        signals.keySet().forEach(this::changed);
    }

    private Signal signal(String queue) {
        return signals.computeIfAbsent(queue, q -> new Signal());
    }

    static long nanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }
}
