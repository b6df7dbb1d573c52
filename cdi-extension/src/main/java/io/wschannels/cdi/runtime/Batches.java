package io.wschannels.cdi.runtime;

import io.wschannels.Batched;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pending batch of one connection of a {@code @Batched} channel. Messages are appended on the
 * container's thread, without waiting for a batch being delivered; batches are delivered on the
 * runtime's threads, in arrival order, through the connection's {@link CallbackOrder}, when full or
 * when their first message has waited the channel's delay. What is pending when the connection ends
 * is delivered before {@code onClose}: nothing received is lost.
 */
final class Batches {

    private static final Logger LOG = Logger.getLogger(Batches.class.getName());

    /** A message waiting for its batch, and when it arrived. */
    private record Pending(String text, long arrived) {}

    private final int most;
    private final long delayNanos;
    private final ScheduledExecutorService scheduler;
    private final CallbackOrder order;
    private final LongSupplier clock;
    private final Consumer<List<String>> deliver;
    private final Object what;
    private final Object lock = new Object();
    /** Guarded by lock, like the two below. */
    private ArrayDeque<Pending> pending;

    private ScheduledFuture<?> timer;
    private boolean flushQueued;

    /**
     * @param deliver hands one batch to the channel; called under {@code order}
     * @param what for the log, when a batch is left to the end of the connection
     */
    Batches(
            Batched batched,
            ScheduledExecutorService scheduler,
            CallbackOrder order,
            LongSupplier clock,
            Consumer<List<String>> deliver,
            Object what) {
        this.most = batched.maxMessages();
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(batched.maxDelayMillis());
        this.scheduler = scheduler;
        this.order = order;
        this.clock = clock;
        this.deliver = deliver;
        this.what = what;
    }

    /** Appends a message; a full batch is handed to a runtime thread, a first one starts the timer. */
    void add(String message) {
        try {
            synchronized (lock) {
                if (pending == null) {
                    pending = new ArrayDeque<>(most);
                }
                pending.add(new Pending(message, clock.getAsLong()));
                if (pending.size() >= most && !flushQueued) {
                    flushQueued = true;
                    scheduler.execute(() -> order.run(() -> deliverDue(false)));
                }
                if (timer == null) {
                    scheduleTimer(delayNanos);
                }
            }
        } catch (RejectedExecutionException stopping) {
            // The application is stopping: ending the connection delivers what is pending.
            LOG.log(Level.FINE, "Batch for " + what + " left to the end of the connection", stopping);
        }
    }

    /** Under lock. */
    private void scheduleTimer(long delay) {
        timer = scheduler.schedule(
                () -> order.run(() -> {
                    synchronized (lock) {
                        timer = null;
                    }
                    deliverDue(false);
                }),
                Math.max(0, delay),
                TimeUnit.NANOSECONDS);
    }

    /**
     * Under the connection's order: delivers, in arrival order, every batch that is due: full ones,
     * and a partial one whose first message has waited the delay; with {@code everything} (the
     * connection is ending), all that is pending.
     */
    void deliverDue(boolean everything) {
        while (true) {
            List<String> batch;
            synchronized (lock) {
                flushQueued = false;
                boolean due = pending != null
                        && !pending.isEmpty()
                        && (everything
                                || pending.size() >= most
                                || clock.getAsLong() - pending.peekFirst().arrived() >= delayNanos);
                if (!due) {
                    if (everything) {
                        cancelTimer();
                    } else if (pending != null && !pending.isEmpty() && timer == null) {
                        scheduleTimer(pending.peekFirst().arrived() + delayNanos - clock.getAsLong());
                    }
                    return;
                }
                int size = Math.min(most, pending.size());
                batch = new ArrayList<>(size);
                for (int k = 0; k < size; k++) {
                    batch.add(pending.pollFirst().text());
                }
            }
            deliver.accept(Collections.unmodifiableList(batch));
        }
    }

    /** Under lock. */
    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
