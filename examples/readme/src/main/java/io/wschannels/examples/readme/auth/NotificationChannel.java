package io.wschannels.examples.readme.auth;

import io.wschannels.Authenticated;
import io.wschannels.Channel;
import io.wschannels.Route;
import jakarta.inject.Inject;
import java.util.Map;

// tag::authenticated[]
@Route("/notifications")
@Authenticated
public class NotificationChannel extends Channel {
    @Inject
    Notifications notifications;

    @Override
    public void onConnect() {
        String user = connection().userPrincipal().getName(); // never null on an @Authenticated channel
        sendJson(Map.of("type", "unread", "notifications", notifications.unread(user)));
    }
}
// end::authenticated[]
