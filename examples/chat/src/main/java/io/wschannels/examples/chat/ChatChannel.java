package io.wschannels.examples.chat;

import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.History;
import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The chat channel of the Azu manual: rooms by path, a welcome, join and leave notices with the
 * room's head count, chat messages to the whole room, typing indicators to the others, ping/pong,
 * and an error envelope for anything it cannot use. The user id is the {@code name} query
 * parameter when the page gives one (a stand-in for an authenticated user), else derived from the
 * connection.
 *
 * <p>Rooms live in the channel's {@link Registry}, which forgets a connection however it ends, so
 * other beans (an EJB, a REST resource) can push to a chat room too. The head counts come from the
 * channel's {@link Presence}, so with {@code channels-redis} they count every server's connections.
 * One addition to the manual's
 * protocol: the welcome carries the room's {@code count}. In the manual only existing members learn
 * the count (from {@code user_joined}), so a newcomer could not show how many are in the room.
 * Clients that ignore the field see the manual's messages exactly; when another client joins or
 * leaves while one connects, the newcomer also gets {@code {"type":"count","count":N}}, since that
 * client's notice went out before the newcomer was in the room. A second addition: the room keeps
 * its last 200 messages for 5 minutes ({@link History}), so a page that lost its connection for a
 * while shows what was said meanwhile when it is back (the browser client does that by itself).
 */
@Route("/chat/{room_id}")
@History(messages = 200, seconds = 300)
public class ChatChannel extends Channel {

    static final int MAX_MESSAGE_LENGTH = 1000;
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_.~-]{1,40}");
    private static final int MAX_NAME_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(ChatChannel.class.getName());

    @Inject
    Registry<ChatChannel> chat;

    @Inject
    Presence<ChatChannel> presence;

    @Override
    public void onConnect() {
        String roomId = param("room_id");
        if (!ROOM.matcher(roomId).matches()) {
            // Refused before anything is sent: the page's client reads the reason and does not retry.
            throw new ChannelException("Invalid room name: use 1 to 40 letters, digits or - . _ ~");
        }

        // The welcome goes first, so that it is always the client's first message: once the
        // connection has joined, broadcasts from other connections may reach it at any moment.
        int welcomed = headCount(roomId) + 1;
        sendJson(message(
                "type", "system", "message", "Welcome to room " + roomId, "count", welcomed, "timestamp", now()));

        chat.join(roomId, connection());
        // Present in the room on every server (with channels-redis), so the counts are the cluster's.
        // Quietly: the chat's own user_joined and user_left tell the room.
        presence.trackQuietly(roomId, connection(), Map.of("user_id", currentUserId()));
        int count = headCount(roomId);
        chat.room(roomId)
                .except(connection())
                .broadcastJson(message("type", "user_joined", "message", "A user joined the room", "count", count));
        if (count != welcomed) {
            // Someone joined or left between the welcome and this join: their notice went out before
            // this connection was in the room, so the newcomer is told the count now.
            sendJson(message("type", "count", "count", count));
        }

        LOG.info(() -> "User connected to room " + roomId + ". Total: " + count);
    }

    @Override
    public void onMessage(String message) {
        JsonObject data;
        try (JsonReader reader = Json.createReader(new StringReader(message))) {
            data = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            sendError("Invalid JSON format");
            return;
        }
        try {
            handleMessageType(data);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Error processing message on " + connection().id(), e);
            sendError("Internal server error");
        }
    }

    @Override
    public void onClose(CloseReason.CloseCode code, String reason) {
        String roomId = param("room_id");
        // The registry has already removed the connection from its rooms and from presence.
        int remaining = headCount(roomId);

        if (remaining > 0) {
            chat.room(roomId)
                    .broadcastJson(message("type", "user_left", "message", "A user left the room", "count", remaining));
        }

        LOG.info(() -> "User disconnected from room " + roomId + ". Remaining: " + remaining);
    }

    private void handleMessageType(JsonObject data) {
        String roomId = param("room_id");
        JsonValue type = data.get("type");
        String typeName = type instanceof JsonString s ? s.getString() : null;

        switch (typeName == null ? "" : typeName) {
            case "chat_message" -> handleChatMessage(roomId, data);
            case "typing_start" -> handleTypingIndicator(roomId, true);
            case "typing_stop" -> handleTypingIndicator(roomId, false);
            case "ping" -> sendJson(message("type", "pong", "timestamp", now()));
            default -> sendError("Unknown message type: " + (type == null ? "" : typeName != null ? typeName : type));
        }
    }

    private void handleChatMessage(String roomId, JsonObject data) {
        String message = data.get("message") instanceof JsonString s ? s.getString() : null;
        if (message == null) {
            sendError("Message is required");
            return;
        }
        if (message.length() > MAX_MESSAGE_LENGTH) {
            sendError("Message too long");
            return;
        }
        if (message.strip().isEmpty()) {
            sendError("Message cannot be empty");
            return;
        }
        chat.room(roomId)
                .broadcastJson(message(
                        "type", "chat_message", "message", message, "timestamp", now(), "user_id", currentUserId()));
    }

    private void handleTypingIndicator(String roomId, boolean isTyping) {
        chat.room(roomId)
                .except(connection())
                .broadcastJson(message(
                        "type",
                        isTyping ? "user_typing" : "user_stopped_typing",
                        "user_id",
                        currentUserId(),
                        "timestamp",
                        now()));
    }

    /** Connections present in the room on every server. */
    private int headCount(String roomId) {
        return presence.list(roomId).values().stream().mapToInt(List::size).sum();
    }

    private String currentUserId() {
        String name = param("name");
        if (name != null && !name.isBlank()) {
            String trimmed = name.strip();
            return trimmed.length() > MAX_NAME_LENGTH ? trimmed.substring(0, MAX_NAME_LENGTH) : trimmed;
        }
        return "user_" + connection().id();
    }

    /** Key-value pairs in order, serialized as a JSON object. */
    private static Map<String, Object> message(Object... keysAndValues) {
        Map<String, Object> message = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            message.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return message;
    }

    private static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
