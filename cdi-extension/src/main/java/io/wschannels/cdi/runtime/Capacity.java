package io.wschannels.cdi.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * How many connections one channel serves, against its {@code @Limits(maxConnections)}: counted in
 * when admitted, out when they end, refused ones included while they close.
 */
final class Capacity {

    private static final long WARN_EVERY = TimeUnit.MINUTES.toNanos(1);

    private final int most;
    private final LongSupplier clock;
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile long lastWarning;

    Capacity(int most, LongSupplier clock) {
        this.most = most;
        this.clock = clock;
    }

    /** @return {@code true} if the connection is counted in, {@code false} if the channel is full */
    boolean admit() {
        while (true) {
            int now = admitted.get();
            if (now >= most) {
                return false;
            }
            if (admitted.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** An admitted connection has ended. */
    void release() {
        admitted.decrementAndGet();
    }

    /** @return {@code true} at most once a minute: a flood of refusals must not flood the log */
    boolean warnAboutRefusal() {
        long now = clock.getAsLong();
        long last = lastWarning;
        if (last != 0 && now - last < WARN_EVERY) {
            return false;
        }
        lastWarning = now;
        return true;
    }
}
