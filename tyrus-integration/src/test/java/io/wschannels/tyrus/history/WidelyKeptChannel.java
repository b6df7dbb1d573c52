package io.wschannels.tyrus.history;

import io.wschannels.Channel;
import io.wschannels.History;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** Keeps the most a channel may keep, so that a busy room's history covers a reconnect. */
@Route("/widely")
@History(messages = 10_000, seconds = 60)
public class WidelyKeptChannel extends Channel {

    @Inject
    Registry<WidelyKeptChannel> registry;

    @Override
    public void onConnect() {
        registry.join("busy", connection());
        send("ready");
    }
}
