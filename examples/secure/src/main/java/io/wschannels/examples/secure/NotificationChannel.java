package io.wschannels.examples.secure;

import io.wschannels.Authenticated;
import io.wschannels.Channel;
import io.wschannels.Route;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The Azu manual's NotificationChannel: a user's notifications, on every tab they have open. The
 * user comes from the token; the registry already knows the connection as that user's, so
 * {@link Notifications#notify} reaches all of them.
 *
 * <p>Clients send {@code {"type":"mark_read","id":"..."}}.
 */
@Route("/notifications")
@Authenticated
public class NotificationChannel extends Channel {

    private static final Logger LOG = Logger.getLogger(NotificationChannel.class.getName());

    @Inject
    Notifications notifications;

    private String user;

    @Override
    public void onConnect() {
        user = connection().userPrincipal().getName();
        sendJson(Map.of("type", "unread", "notifications", notifications.unread(user)));
        LOG.info(() -> "User " + user + " connected to notifications");
    }

    @Override
    public void onMessage(String message) {
        JsonObject command;
        try {
            command = Json.createReader(new StringReader(message)).readObject();
        } catch (JsonException | IllegalStateException e) {
            sendError("Invalid JSON format");
            return;
        }
        if (!"mark_read".equals(command.getString("type", null)) || command.getString("id", null) == null) {
            sendError("Unknown message: send {\"type\":\"mark_read\",\"id\":\"...\"}");
            return;
        }
        if (notifications.markRead(user, command.getString("id"))) {
            sendSuccess(Map.of("read", command.getString("id")));
        } else {
            sendError("No such notification");
        }
    }

    @Override
    public void onClose(CloseReason.CloseCode code, String reason) {
        LOG.info(() -> "User " + user + " disconnected from notifications");
    }
}
