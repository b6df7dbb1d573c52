package io.wschannels.it.app;

import io.wschannels.BroadcastDroppedException;
import io.wschannels.Delivery;
import io.wschannels.Registry;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;

/**
 * Pays orders through the transactional beans and says what became of each broadcast, waiting for
 * it here, outside the transaction; reads an order back as any client would.
 */
@Path("orders")
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {

    @Inject
    Orders orders;

    @Inject
    TransactionalOrders transactional;

    @Inject
    PaidOrders paid;

    @Inject
    Registry<OrdersChannel> rooms;

    @GET
    @Path("{id}")
    public Response read(@PathParam("id") String id) {
        return paid.contains(id)
                ? Response.ok("paid").build()
                : Response.status(404).entity("no order " + id).build();
    }

    @POST
    @Path("{room}/{id}/pay")
    public String pay(@PathParam("room") String room, @PathParam("id") String id, @QueryParam("hold") long hold)
            throws Exception {
        return outcome(orders.pay(room, id, hold));
    }

    @POST
    @Path("{room}/{id}/rollback")
    public String rollBack(@PathParam("room") String room, @PathParam("id") String id) throws Exception {
        return outcome(orders.payThenRollBack(room, id));
    }

    @POST
    @Path("{room}/{id}/fail")
    public String fail(@PathParam("room") String room, @PathParam("id") String id) {
        try {
            orders.payThenFail(room, id);
            return "committed";
        } catch (EJBException e) {
            return "failed: " + e.getCausedByException();
        }
    }

    @POST
    @Path("{room}/{id}/transactional-fail")
    public String transactionalFail(@PathParam("room") String room, @PathParam("id") String id) {
        try {
            transactional.payThenFail(room, id);
            return "committed";
        } catch (IllegalStateException e) {
            return "failed: " + e.getMessage();
        }
    }

    @POST
    @Path("{room}/{id}/user-transaction")
    public String userTransaction(
            @PathParam("room") String room,
            @PathParam("id") String id,
            @QueryParam("commit") @DefaultValue("true") boolean commit)
            throws Exception {
        UserTransaction transaction = (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
        transaction.begin();
        paid.insert(id);
        CompletionStage<Delivery> told = rooms.room(room).broadcastJson(Map.of("type", "order_paid", "id", id));
        if (commit) {
            transaction.commit();
        } else {
            transaction.rollback();
        }
        return outcome(told);
    }

    @POST
    @Path("{room}/{id}/twice")
    public String twice(@PathParam("room") String room, @PathParam("id") String id) throws Exception {
        return outcome(orders.payTwice(room, id));
    }

    @POST
    @Path("{room}/{id}/saving")
    public String saving(@PathParam("room") String room, @PathParam("id") String id) throws Exception {
        return outcome(orders.saveThenRollBack(room, id));
    }

    @POST
    @Path("{room}/{id}/wait-inside")
    public String waitInside(@PathParam("room") String room, @PathParam("id") String id) throws Exception {
        return orders.waitInside(room, id);
    }

    private static String outcome(CompletionStage<Delivery> delivery) throws InterruptedException {
        try {
            return "delivered "
                    + delivery.toCompletableFuture().get(10, TimeUnit.SECONDS).recipients();
        } catch (ExecutionException e) {
            return e.getCause() instanceof BroadcastDroppedException dropped
                    ? "dropped: " + dropped.getMessage()
                    : "failed: " + e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return "no outcome within 10 s";
        }
    }
}
