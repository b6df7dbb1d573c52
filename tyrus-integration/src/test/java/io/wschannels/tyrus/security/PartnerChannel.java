package io.wschannels.tyrus.security;

import io.wschannels.Channel;
import io.wschannels.Route;

/** Pages of its own origin and of one partner site may connect. */
@Route(value = "/partners", origins = "https://partner.example.com")
public class PartnerChannel extends Channel {
    @Override
    public void onConnect() {
        send("welcome partner");
    }
}
