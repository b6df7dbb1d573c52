package io.wschannels.tyrus.security;

import io.wschannels.Channel;
import io.wschannels.Route;

/** Any page may connect. */
@Route(value = "/public", origins = "*")
public class PublicChannel extends Channel {
    @Override
    public void onConnect() {
        send("welcome anyone");
    }
}
