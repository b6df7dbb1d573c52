package io.wschannels.tyrus.history;

import io.wschannels.Channel;
import io.wschannels.History;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/**
 * Keeps the last 5 messages of each room and user for a minute. Joins the rooms named by the query
 * parameter {@code rooms} (comma-separated), identifies the user of {@code user}, and then says
 * {@code ready}; a message {@code say <rooms> <text>} is broadcast to those rooms.
 */
@Route("/kept")
@History(messages = 5, seconds = 60)
public class KeptChannel extends Channel {

    @Inject
    Registry<KeptChannel> registry;

    @Override
    public void onConnect() {
        if (param("user") != null) {
            registry.identify(connection(), param("user"));
        }
        if (param("rooms") != null) {
            for (String room : param("rooms").split(",")) {
                registry.join(room, connection());
            }
        }
        send("ready");
    }

    @Override
    public void onMessage(String message) {
        String[] words = message.split(" ", 3);
        registry.rooms(words[1].split(",")).broadcast(words[2]);
    }
}
