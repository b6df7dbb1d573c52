package io.wschannels.tyrus.security;

import io.wschannels.Channel;
import io.wschannels.Route;

/** The default: only pages of the server's own origin (and clients that are not browsers). */
@Route("/home")
public class HomeChannel extends Channel {
    @Override
    public void onConnect() {
        send("welcome home");
    }
}
