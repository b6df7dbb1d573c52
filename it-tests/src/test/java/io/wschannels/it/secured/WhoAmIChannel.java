package io.wschannels.it.secured;

import io.wschannels.Authenticated;
import io.wschannels.Channel;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** An authenticated channel in an application that has no token verifier: the server authenticates. */
@Route("/whoami")
@Authenticated
public class WhoAmIChannel extends Channel {

    @Inject
    Registry<WhoAmIChannel> registry;

    @Override
    public void onConnect() {
        send("user=" + connection().userPrincipal().getName() + " registry=" + registry.userOf(connection()));
    }
}
