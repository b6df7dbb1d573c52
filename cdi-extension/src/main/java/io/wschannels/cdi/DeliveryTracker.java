package io.wschannels.cdi;

import io.wschannels.Audience;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outcome of one broadcast on this server, shared by all its recipients: one counter instead
 * of one future per recipient. Starts with one pending unit for the resolution of recipients, so
 * it cannot complete before every recipient has been counted.
 */
final class DeliveryTracker {

    private final AtomicInteger pending = new AtomicInteger(1);
    private final AtomicInteger recipients = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final CompletableFuture<Audience.Delivery> outcome = new CompletableFuture<>();
    private final Outbox.Completion completion = failure -> {
        if (failure != null) {
            failed.incrementAndGet();
        }
        settle();
    };

    /** One more recipient; its completion is shared. */
    Outbox.Completion recipient() {
        recipients.incrementAndGet();
        pending.incrementAndGet();
        return completion;
    }

    /** Every recipient has been counted. */
    void resolved() {
        settle();
    }

    CompletableFuture<Audience.Delivery> outcome() {
        return outcome;
    }

    private void settle() {
        if (pending.decrementAndGet() == 0) {
            outcome.complete(new Audience.Delivery(recipients.get(), failed.get()));
        }
    }
}
