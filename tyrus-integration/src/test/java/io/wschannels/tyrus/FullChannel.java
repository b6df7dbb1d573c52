package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Route;

/** Serves at most three connections at once. */
@Route("/full")
@Limits(maxConnections = 3)
public class FullChannel extends Channel {

    @Override
    public void onConnect() {
        send("in");
    }
}
