package io.wschannels.redis;

import io.wschannels.Channel;
import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Joins the room of its path and identifies the user of its query, then says who it is; with
 * {@code ?track=Name} it is also present in the room under that name.
 */
@Route("/node/{room}")
public class NodeChannel extends Channel {

    @Inject
    Registry<NodeChannel> registry;

    @Inject
    Presence<NodeChannel> presence;

    @Override
    public void onConnect() {
        registry.join(param("room"), connection());
        if (param("user") != null) {
            registry.identify(connection(), param("user"));
        }
        send("id " + connection().id());
        if (param("track") != null) {
            presence.track(param("room"), connection(), Map.of("name", param("track")));
        }
    }
}
