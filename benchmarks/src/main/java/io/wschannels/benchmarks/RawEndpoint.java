package io.wschannels.benchmarks;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline: the same job as {@link BenchChannel}, written the best plain JSR-356 way. Rooms
 * are concurrent sets of sessions; a broadcast encodes nothing more (the text is sent as received,
 * one String for all) and sends asynchronously to each session without waiting.
 *
 * <p>Protocol: {@code B<room>|...} broadcasts the whole message to the room; {@code E...} echoes.
 */
@ServerEndpoint("/raw/{room}")
public class RawEndpoint {

    static final ConcurrentHashMap<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        ROOMS.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    @OnMessage
    public void message(String message, Session session) {
        if (message.charAt(0) == 'B') {
            Set<Session> members = ROOMS.get(message.substring(1, message.indexOf('|')));
            if (members != null) {
                for (Session member : members) {
                    member.getAsyncRemote().sendText(message);
                }
            }
        } else {
            session.getAsyncRemote().sendText(message);
        }
    }

    @OnClose
    public void close(Session session, @PathParam("room") String room) {
        leave(session, room);
    }

    @OnError
    public void error(Session session, Throwable error, @PathParam("room") String room) {
        leave(session, room);
    }

    private static void leave(Session session, String room) {
        ROOMS.computeIfPresent(room, (k, members) -> {
            members.remove(session);
            return members.isEmpty() ? null : members;
        });
    }

    static int open() {
        return ROOMS.values().stream().mapToInt(Set::size).sum();
    }
}
