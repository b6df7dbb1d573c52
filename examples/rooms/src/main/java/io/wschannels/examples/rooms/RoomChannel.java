package io.wschannels.examples.rooms;

import io.wschannels.Channel;
import io.wschannels.Connection;
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
 * The room channel of the Azu manual: a connection joins the room of its path, is told the room's
 * size, and can talk to its room, to every room, or to several rooms. The manual's three broadcast
 * methods are public, so other beans can call them too (see {@link Announcer}). There is no
 * {@code onClose}: the registry removes a closed connection from its rooms, and forgets empty rooms.
 *
 * <p>Messages from the client: {@code {"type":"say","message":...}} (to its room, not to itself),
 * {@code {"type":"shout","message":...}} (to every room), {@code {"type":"tell","rooms":[...],
 * "message":...}} (to several rooms) and {@code {"type":"join","room":...}} (also listen to another
 * room).
 */
@Route("/room/:room_id")
public class RoomChannel extends Channel {

    /** What a client sends. */
    public record Command(String type, String message, String room, List<String> rooms) {}

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    Registry<RoomChannel> registry;

    @Override
    public void onConnect() {
        String roomId = param("room_id");
        int userCount = registry.join(roomId, connection());

        sendJson(Map.of("type", "room_info", "room_id", roomId, "user_count", userCount));
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
        if (command == null || command.type() == null) {
            sendError("Unknown message type: ");
            return;
        }
        Map<String, Object> said = Map.of(
                "type",
                "message",
                "from",
                connection().id(),
                "message",
                command.message() == null ? "" : command.message());
        switch (command.type()) {
            case "say" -> broadcastToRoom(param("room_id"), said, connection());
            case "shout" -> broadcastToAll(said);
            case "tell" -> broadcastToRooms(command.rooms() == null ? List.of() : command.rooms(), said);
            case "join" -> {
                int userCount = registry.join(command.room(), connection());
                sendJson(Map.of("type", "room_info", "room_id", command.room(), "user_count", userCount));
            }
            default -> sendError("Unknown message type: " + command.type());
        }
    }

    /** Broadcast to one room, optionally not to one connection. */
    public void broadcastToRoom(String roomId, Object data, Connection exclude) {
        (exclude == null ? registry.room(roomId) : registry.room(roomId).except(exclude)).broadcastJson(data);
    }

    /** Broadcast to every connection of this channel, whatever its room. */
    public void broadcastToAll(Object data) {
        registry.all().broadcastJson(data);
    }

    /** Broadcast to several rooms; a connection in more than one of them gets it once. */
    public void broadcastToRooms(Collection<String> roomIds, Object data) {
        registry.rooms(roomIds).broadcastJson(data);
    }
}
