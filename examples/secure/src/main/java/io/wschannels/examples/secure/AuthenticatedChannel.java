package io.wschannels.examples.secure;

import io.wschannels.AccessDeniedException;
import io.wschannels.Authenticated;
import io.wschannels.Channel;
import io.wschannels.Route;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The Azu manual's AuthenticatedChannel. {@code @Authenticated} does what the manual's
 * {@code extract_token} and {@code validate_token} do by hand: only clients with a valid token reach
 * {@link #onConnect()} ("No token provided", "Invalid token" and "Token expired" are answered by
 * the runtime), and the token's user is the connection's for its whole life. What stays here is the
 * per-resource check.
 */
@Route("/secure/:resource_id")
@Authenticated
public class AuthenticatedChannel extends Channel {

    private static final Logger LOG = Logger.getLogger(AuthenticatedChannel.class.getName());

    @Inject
    Permissions permissions;

    @Override
    public void onConnect() {
        Principal user = connection().userPrincipal();
        String resource = param("resource_id");
        if (!permissions.canRead(user, resource)) {
            throw new AccessDeniedException(); // 4403, {"type":"error","message":"Access denied",...}
        }
        LOG.info(() -> "User " + user.getName() + " connected to secure channel " + resource);
        sendJson(Map.of("type", "connected", "user", user.getName(), "resource", resource));
    }

    @Override
    public void onMessage(String message) {
        // The user context is the connection's: no need to check it again for every message.
        sendJson(Map.of(
                "type",
                "echo",
                "user",
                connection().userPrincipal().getName(),
                "resource",
                param("resource_id"),
                "message",
                message));
    }
}
