package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** At most two connections per user, who is named by the {@code user} query parameter. */
@Route("/capped")
@Limits(maxConnectionsPerUser = 2)
public class UserCappedChannel extends Channel {

    @Inject
    Registry<UserCappedChannel> registry;

    @Override
    public void onConnect() {
        if (registry.identify(connection(), param("user"))) {
            send("in");
        }
    }
}
