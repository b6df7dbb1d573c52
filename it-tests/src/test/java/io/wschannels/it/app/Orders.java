package io.wschannels.it.app;

import io.wschannels.Delivery;
import io.wschannels.Registry;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A container-managed EJB (every method in a transaction) that records an order as paid in the
 * database and tells the order's room. Its callers wait for the deliveries, after the transaction.
 */
@Stateless
public class Orders {

    @Inject
    Registry<OrdersChannel> rooms;

    @Inject
    PaidOrders paid;

    @Resource
    SessionContext context;

    /**
     * Records, tells the room, then keeps the transaction open a while: a broadcast that left before
     * the commit would reach the client while the row cannot be read yet.
     */
    public CompletionStage<Delivery> pay(String room, String id, long holdMillis) throws InterruptedException {
        paid.insert(id);
        CompletionStage<Delivery> told = tell(room, id);
        TimeUnit.MILLISECONDS.sleep(holdMillis);
        return told;
    }

    /** Records and tells, then the transaction is marked for rollback. */
    public CompletionStage<Delivery> payThenRollBack(String room, String id) {
        paid.insert(id);
        CompletionStage<Delivery> told = tell(room, id);
        context.setRollbackOnly();
        return told;
    }

    /** Records and tells, then fails: a system exception rolls the transaction back. */
    public void payThenFail(String room, String id) {
        paid.insert(id);
        tell(room, id);
        throw new IllegalStateException("card declined for order " + id);
    }

    /** Two broadcasts in one transaction. */
    public CompletionStage<Delivery> payTwice(String room, String id) {
        paid.insert(id);
        rooms.room(room).broadcast("first " + id);
        return rooms.room(room).broadcast("second " + id);
    }

    /** A progress notice sent at once, then the order's broadcast, then a rollback. */
    public CompletionStage<Delivery> saveThenRollBack(String room, String id) {
        CompletionStage<Delivery> saving = rooms.room(room).immediately().broadcast("saving " + id);
        tell(room, id);
        context.setRollbackOnly();
        return saving;
    }

    /** Waits for its own broadcast inside the transaction: refused at once, with what to do instead. */
    public String waitInside(String room, String id) throws Exception {
        try {
            return "delivered "
                    + tell(room, id)
                            .toCompletableFuture()
                            .get(30, TimeUnit.SECONDS)
                            .recipients();
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
    }

    private CompletionStage<Delivery> tell(String room, String id) {
        return rooms.room(room).broadcastJson(Map.of("type", "order_paid", "id", id));
    }
}
