package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** A room channel with a small outbound queue: 64 KiB, closed when full. */
@Route("/slow/{room}")
@Limits(outboundQueueBytes = 64 * 1024)
public class SlowProbeChannel extends Channel {

    @Inject
    Registry<SlowProbeChannel> registry;

    @Override
    public void onConnect() {
        registry.join(param("room"), connection());
        send("joined");
    }
}
