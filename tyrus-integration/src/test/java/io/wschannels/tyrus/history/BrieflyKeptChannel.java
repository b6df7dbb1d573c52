package io.wschannels.tyrus.history;

import io.wschannels.Channel;
import io.wschannels.History;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** Keeps each room's messages for one second: the shortest history, to watch it expire. */
@Route("/briefly")
@History(messages = 100, seconds = 1)
public class BrieflyKeptChannel extends Channel {

    @Inject
    Registry<BrieflyKeptChannel> registry;

    @Override
    public void onConnect() {
        registry.join("r", connection());
        send("ready");
    }
}
