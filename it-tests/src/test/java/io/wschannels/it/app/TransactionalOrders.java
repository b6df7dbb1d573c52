package io.wschannels.it.app;

import io.wschannels.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/** The same order payment in a {@code @Transactional} CDI bean, which rolls back on the exception. */
@ApplicationScoped
public class TransactionalOrders {

    @Inject
    Registry<OrdersChannel> rooms;

    @Inject
    PaidOrders paid;

    @Transactional
    public void payThenFail(String room, String id) {
        paid.insert(id);
        rooms.room(room).broadcastJson(Map.of("type", "order_paid", "id", id));
        throw new IllegalStateException("card declined for order " + id);
    }
}
