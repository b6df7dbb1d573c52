package io.wschannels.tyrus.security;

import io.wschannels.AccessDeniedException;
import io.wschannels.Authenticated;
import io.wschannels.Channel;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The Azu manual's AuthenticatedChannel in test form: a token, then a per-resource check. */
@Route("/secure/{resource_id}")
@Authenticated
public class SecureChannel extends Channel {

    /** How many times a channel instance was created: refused clients must not get one. */
    public static final AtomicInteger CREATED = new AtomicInteger();

    @Inject
    Registry<SecureChannel> registry;

    public SecureChannel() {}

    @jakarta.annotation.PostConstruct
    void created() {
        CREATED.incrementAndGet();
    }

    @Override
    public void onConnect() {
        String user = connection().userPrincipal().getName();
        String resource = param("resource_id");
        if (resource.equals("vault") && !user.equals("admin")) {
            throw new AccessDeniedException(); // 4403, {"type":"error","message":"Access denied",...}
        }
        sendJson(Map.of(
                "type",
                "welcome",
                "user",
                user,
                "resource",
                resource,
                "identified_as",
                String.valueOf(registry.userOf(connection()))));
    }

    @Override
    public void onMessage(String message) {
        send(connection().userPrincipal().getName() + ": " + message);
    }
}
