package io.wschannels.redis;

import io.wschannels.Channel;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** Joins the room of its path and identifies the user of its query, then says who it is. */
@Route("/node/{room}")
public class NodeChannel extends Channel {

    @Inject
    Registry<NodeChannel> registry;

    @Override
    public void onConnect() {
        registry.join(param("room"), connection());
        if (param("user") != null) {
            registry.identify(connection(), param("user"));
        }
        send("id " + connection().id());
    }
}
