package io.wschannels.cdi.broadcast;

import io.wschannels.Delivery;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The delivery of a broadcast that waits for its transaction's commit. Waiting for it on the
 * transaction's own thread, before the commit, could never end: that is refused at once with what
 * to do instead, rather than left to hang until a timeout.
 */
final class DeferredDelivery extends CompletableFuture<Delivery> {

    private final Transactions transactions;
    private final Object transaction;
    private final Object audience;

    DeferredDelivery(Transactions transactions, Object transaction, Object audience) {
        this.transactions = transactions;
        this.transaction = transaction;
        this.audience = audience;
    }

    @Override
    public Delivery get() throws InterruptedException, ExecutionException {
        refuseWaitingInside();
        return super.get();
    }

    @Override
    public Delivery get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        refuseWaitingInside();
        return super.get(timeout, unit);
    }

    @Override
    public Delivery join() {
        refuseWaitingInside();
        return super.join();
    }

    private void refuseWaitingInside() {
        if (!isDone() && transaction != null && transaction.equals(transactions.current())) {
            throw new IllegalStateException("Waiting for the delivery of a broadcast to " + audience + " inside the"
                    + " transaction it was made in: it leaves when that transaction commits, so it cannot have"
                    + " been delivered yet and this wait would never end. Wait after the transaction (in the"
                    + " caller of the transactional method, or with thenAccept), or broadcast to"
                    + " audience.immediately() to send regardless of the transaction.");
        }
    }
}
