package io.wschannels.testing;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/**
 * Joins the room of its route and says nothing; a 64 KiB outbound queue, closed when full. Deployed
 * to the application servers too.
 */
@Route("/metered/{room}")
@Limits(outboundQueueBytes = 64 * 1024)
public class MeteredChannel extends Channel {

    @Inject
    Registry<MeteredChannel> registry;

    @Override
    public void onConnect() {
        registry.join(param("room"), connection());
    }

    @Override
    public void onMessage(String message) {
        // Received and counted; nothing to answer.
    }
}
