package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** Joins the room of its path and, given {@code ?user=}, identifies as that user. */
@Route("/rooms/{room}")
public class RoomProbeChannel extends Channel {

    @Inject
    Registry<RoomProbeChannel> registry;

    @Override
    public void onConnect() {
        registry.join(param("room"), connection());
        if (param("user") != null) {
            registry.identify(connection(), param("user"));
        }
        send("joined");
    }

    @Override
    public void onMessage(String message) {
        if (message.startsWith("join ")) {
            registry.join(message.substring(5), connection());
            send("joined " + message.substring(5));
        } else if (message.startsWith("identify ")) {
            try {
                send("identified " + registry.identify(connection(), message.substring(9)));
            } catch (IllegalStateException e) {
                send("refused:" + e.getMessage());
            }
        } else if (message.startsWith("leave ")) {
            registry.leave(message.substring(6), connection());
            send("left " + message.substring(6));
        }
    }
}
