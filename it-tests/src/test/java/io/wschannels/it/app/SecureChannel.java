package io.wschannels.it.app;

import io.wschannels.AccessDeniedException;
import io.wschannels.Authenticated;
import io.wschannels.Channel;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** The Azu manual's AuthenticatedChannel: a token, then a per-resource check. */
@Route("/secure/{resource_id}")
@Authenticated
public class SecureChannel extends Channel {

    @Inject
    Registry<SecureChannel> registry;

    @Override
    public void onConnect() {
        String user = connection().userPrincipal().getName();
        if (param("resource_id").equals("vault") && !user.equals("admin")) {
            throw new AccessDeniedException(); // 4403, {"type":"error","message":"Access denied",...}
        }
        send("welcome " + user + " to " + param("resource_id") + " as " + registry.userOf(connection()));
    }
}
