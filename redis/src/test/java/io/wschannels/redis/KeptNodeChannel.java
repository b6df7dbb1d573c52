package io.wschannels.redis;

import io.wschannels.Channel;
import io.wschannels.History;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** Keeps its rooms' broadcasts (in Redis with its transport); joins the room of its path, says {@code ready}. */
@Route("/kept/{room}")
@History(messages = 10_000, seconds = 60)
public class KeptNodeChannel extends Channel {

    @Inject
    Registry<KeptNodeChannel> registry;

    @Override
    public void onConnect() {
        registry.join(param("room"), connection());
        send("ready");
    }
}
