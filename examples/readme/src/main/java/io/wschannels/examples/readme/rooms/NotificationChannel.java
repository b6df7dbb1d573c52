package io.wschannels.examples.readme.rooms;

import io.wschannels.Channel;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

// tag::rooms[]
@Route("/notifications")
public class NotificationChannel extends Channel {
    @Inject
    Registry<NotificationChannel> registry;

    @Override
    public void onConnect() {
        registry.identify(connection(), param("user")); // one user, any number of tabs
        registry.join("news", connection());
    }
}
// end::rooms[]
