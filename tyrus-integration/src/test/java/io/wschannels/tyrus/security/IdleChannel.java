package io.wschannels.tyrus.security;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Route;

/** Closes connections that send nothing for 400 ms. */
@Route("/idle")
@Limits(idleTimeoutMillis = 400, heartbeatMillis = 0)
public class IdleChannel extends Channel {
    @Override
    public void onMessage(String message) {
        send(message);
    }
}
