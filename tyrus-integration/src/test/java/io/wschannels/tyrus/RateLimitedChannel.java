package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Route;

/** Echoes, at most one message per second after a burst of five. */
@Route("/limited")
@Limits(messagesPerSecond = 1, messageBurst = 5)
public class RateLimitedChannel extends Channel {

    @Override
    public void onMessage(String message) {
        send("echo:" + message);
    }
}
