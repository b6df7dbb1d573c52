package io.wschannels.it.app;

import io.wschannels.Delivery;
import io.wschannels.Registry;
import io.wschannels.testing.MeteredChannel;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Broadcasts 1 KiB messages to a metered room until no one is left in it: its readers were too slow. */
@Path("metered")
public class FloodResource {

    @Inject
    Registry<MeteredChannel> metered;

    @POST
    @Path("{room}/flood")
    @Produces(MediaType.TEXT_PLAIN)
    public String flood(@PathParam("room") String room) {
        String kib = "x".repeat(1024);
        List<CompletableFuture<Delivery>> deliveries = new ArrayList<>();
        while (metered.count(room) > 0) {
            if (deliveries.size() >= 100_000) {
                throw new IllegalStateException("Room " + room + " still has readers after 100,000 broadcasts");
            }
            deliveries.add(metered.room(room).broadcast(kib).toCompletableFuture());
        }
        deliveries.forEach(delivery -> delivery.orTimeout(30, TimeUnit.SECONDS).join());
        return Integer.toString(deliveries.size());
    }
}
