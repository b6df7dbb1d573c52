package io.wschannels.it.app;

import io.wschannels.Registry;
import io.wschannels.examples.chat.ChatChannel;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A JAX-RS resource that pushes to a chat room, directly and through the EJB. */
@Path("rooms")
public class PushResource {

    @Inject
    Registry<ChatChannel> chat;

    @Inject
    Broadcaster broadcaster;

    @Inject
    Visits visits;

    @POST
    @Path("{room}/rest")
    @Produces(MediaType.TEXT_PLAIN)
    public String fromRest(@PathParam("room") String room, String text) {
        chat.room(room).broadcastJson(Map.of("type", "announcement", "message", text));
        return Integer.toString(chat.count(room));
    }

    @POST
    @Path("{room}/ejb")
    @Produces(MediaType.TEXT_PLAIN)
    public String fromEjb(@PathParam("room") String room, String text) throws Exception {
        return Integer.toString(broadcaster
                .announce(room, text)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .recipients());
    }

    @POST
    @Path("{room}/ejb-rollback")
    @Produces(MediaType.TEXT_PLAIN)
    public String fromEjbRolledBack(@PathParam("room") String room, String text) throws Exception {
        try {
            broadcaster.announceThenRollBack(room, text).toCompletableFuture().get(10, TimeUnit.SECONDS);
            return "delivered";
        } catch (ExecutionException e) {
            return "dropped";
        }
    }

    @GET
    @Path("state")
    @Produces(MediaType.TEXT_PLAIN)
    public String state() {
        return "connections=" + chat.connections().size() + " rooms="
                + chat.rooms().size() + " visits=" + visits.report();
    }
}
