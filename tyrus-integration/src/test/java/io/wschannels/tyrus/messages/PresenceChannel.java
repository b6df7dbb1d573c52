package io.wschannels.tyrus.messages;

import io.wschannels.Channel;
import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import java.util.Map;

/** Joins its room, identifies its user and is tracked there with a display name. */
@Route("/present/{room}")
public class PresenceChannel extends Channel {

    @Inject
    Registry<PresenceChannel> registry;

    @Inject
    Presence<PresenceChannel> presence;

    @Override
    public void onConnect() {
        String room = param("room");
        registry.join(room, connection());
        registry.identify(connection(), param("user"));
        presence.track(room, connection(), Map.of("name", param("name")));
    }

    @Override
    public void onMessage(String message) {
        if (message.equals("who")) {
            sendJson(presence.list(param("room")));
        } else if (message.equals("away")) {
            presence.untrack(param("room"), connection());
        }
    }
}
