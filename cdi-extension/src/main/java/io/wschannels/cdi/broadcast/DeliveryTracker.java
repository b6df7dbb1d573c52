package io.wschannels.cdi.broadcast;

import io.wschannels.Delivery;
import io.wschannels.cdi.connection.Completion;
import io.wschannels.cdi.metrics.ChannelMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outcome of one broadcast on this server, shared by all its recipients: one counter instead
 * of one future per recipient, touched once per recipient (when its write completes). Recipients
 * are counted locally while they are resolved; the counter starts at a sentinel far above any
 * recipient count, so writes that complete before resolution ends cannot bring it to zero early.
 */
final class DeliveryTracker {

    private static final int UNRESOLVED = 1 << 30;

    private final AtomicInteger pending = new AtomicInteger(UNRESOLVED);
    private final AtomicInteger failed = new AtomicInteger();
    private final CompletableFuture<Delivery> outcome = new CompletableFuture<>();
    private int recipients;
    /** Told when the broadcast has been written to every recipient here; set before they are resolved. */
    private ChannelMetrics metrics;

    private long started;
    private final Completion completion = failure -> {
        if (failure != null) {
            failed.incrementAndGet();
        }
        if (pending.decrementAndGet() == 0) {
            complete();
        }
    };

    /** The delivery on this server starts: how long it takes is counted in the channel's metrics. */
    void measure(ChannelMetrics channel) {
        metrics = channel;
        started = System.nanoTime();
    }

    /** One more recipient (called by the one thread that resolves recipients); its completion is shared. */
    Completion recipient() {
        recipients++;
        return completion;
    }

    /** Every recipient has been counted. */
    void resolved() {
        if (pending.addAndGet(recipients - UNRESOLVED) == 0) {
            complete();
        }
    }

    CompletableFuture<Delivery> outcome() {
        return outcome;
    }

    private void complete() {
        // recipients was written before resolved()'s atomic add, which happens-before this read.
        if (metrics != null) {
            metrics.delivered(recipients, System.nanoTime() - started);
        }
        outcome.complete(new Delivery(recipients, failed.get()));
    }
}
