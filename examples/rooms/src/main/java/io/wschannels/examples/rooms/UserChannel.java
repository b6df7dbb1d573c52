package io.wschannels.examples.rooms;

import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The user channel of the Azu manual: each connection belongs to a user, and a user may be
 * connected several times (browser tabs); messages go to a user's every connection. Who the user
 * is comes from the {@code user} query parameter here, a stand-in for real authentication; a
 * connection without one is refused with "Unauthorized".
 *
 * <p>Messages from the client: {@code {"type":"direct","to":"bob","message":...}} (every
 * connection of one user), {@code {"type":"group","users":[...],"message":...}} (several users)
 * and {@code {"type":"announce","message":...}} (everyone but the sender's own connections).
 */
@Route("/user")
public class UserChannel extends Channel {

    /** What a client sends. */
    public record Command(String type, String message, String to, List<String> users) {}

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    Registry<UserChannel> registry;

    private String userId;

    @Override
    public void onConnect() {
        userId = authenticateUser();
        if (userId == null) {
            throw new ChannelException("Unauthorized"); // refused: 1008, {"type":"error","message":"Unauthorized"}
        }
        // Over @Limits(maxConnectionsPerUser) this throws, and the client is refused with 1013.
        registry.identify(connection(), userId);

        sendJson(Map.of(
                "type",
                "user_data",
                "user_id",
                userId,
                "connections",
                registry.connectionsOf(userId).size()));
    }

    @Override
    public void onMessage(String message) {
        Command command;
        try {
            command = JSON.fromJson(message, Command.class);
        } catch (JsonbException e) {
            sendError("Invalid JSON format");
            return;
        }
        String type = command == null || command.type() == null ? "" : command.type();
        Map<String, Object> note = Map.of(
                "type",
                "message",
                "from",
                userId,
                "message",
                command == null || command.message() == null ? "" : command.message());
        switch (type) {
            case "direct" -> sendToUser(command.to(), note);
            case "group" -> sendToUsers(command.users() == null ? List.of() : command.users(), note);
            case "announce" -> broadcastToAll(note, userId);
            default -> sendError("Unknown message type: " + type);
        }
    }

    /** Send to every connection of one user. */
    public void sendToUser(String userId, Object data) {
        registry.user(userId).broadcastJson(data);
    }

    /** Send to every connection of several users. */
    public void sendToUsers(Collection<String> userIds, Object data) {
        registry.users(userIds).broadcastJson(data);
    }

    /** Send to everyone, except every connection of one user. */
    public void broadcastToAll(Object data, String excludeUserId) {
        (excludeUserId == null ? registry.all() : registry.all().exceptUser(excludeUserId)).broadcastJson(data);
    }

    private String authenticateUser() {
        String user = param("user");
        return user == null || user.isBlank() ? null : user.strip();
    }
}
