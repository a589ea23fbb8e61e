package io.omnivox.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bulkhead: at most {@code capacity} holders at once, at most {@code queue} more waiting up to {@code maxWait} for a
 * place; anyone else is refused at once. Refusing beats queueing without bound: a queued request holds a thread and
 * memory and, past a few seconds, its client has usually given up anyway. Thread-safe.
 */
public final class WorkLimiter {

    private final int capacity;
    private final int queue;
    private final Duration maxWait;
    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();

    /** A place taken; {@link #close()} gives it back, once, however often it is called. */
    public final class Permit implements AutoCloseable {

        private final AtomicBoolean held = new AtomicBoolean(true);

        private Permit() {
        }

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                permits.release();
            }
        }
    }

    public WorkLimiter(int capacity, int queue, Duration maxWait) {
        if (capacity < 1 || queue < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("capacity must be at least 1, queue and wait not negative");
        }
        this.capacity = capacity;
        this.queue = queue;
        this.maxWait = maxWait;
        // fair, so that the queue is served in arrival order
        this.permits = new Semaphore(capacity, true);
    }

    /**
     * Takes a place, waiting in the queue when there is room in it and {@code mayWait} (false on an event-loop thread,
     * which must not block); empty when the work is to be refused.
     */
    public Optional<Permit> acquire(boolean mayWait) {
        if (permits.tryAcquire()) {
            return Optional.of(new Permit());
        }
        if (!mayWait || queue == 0 || maxWait.isZero()) {
            return Optional.empty();
        }
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            return Optional.empty();
        }
        try {
            return permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(new Permit())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Places taken now. */
    public int inFlight() {
        return capacity - permits.availablePermits();
    }

    /** Requests waiting for a place now. */
    public int queued() {
        return waiting.get();
    }

    public int capacity() {
        return capacity;
    }

    public int queue() {
        return queue;
    }
}
