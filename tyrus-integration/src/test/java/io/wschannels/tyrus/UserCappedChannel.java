package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/**
 * At most two connections per user, who is named by the {@code user} query parameter, or later by a
 * message {@code identify <user>}.
 */
@Route("/capped")
@Limits(maxConnectionsPerUser = 2)
public class UserCappedChannel extends Channel {

    @Inject
    Registry<UserCappedChannel> registry;

    @Override
    public void onConnect() {
        if (param("user") != null) {
            registry.identify(connection(), param("user")); // over the cap: throws, the client is refused
        }
        send("in");
    }

    @Override
    public void onMessage(String message) {
        if (message.startsWith("identify ")) {
            registry.identify(connection(), message.substring(9)); // over the cap: the error envelope
            send("identified");
        } else {
            send("echo " + message);
        }
    }
}
