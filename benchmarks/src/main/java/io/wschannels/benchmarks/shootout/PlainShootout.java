package io.wschannels.benchmarks.shootout;

import jakarta.websocket.Session;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The websocket-shootout protocol written the best plain JSR-356 way: one concurrent set of
 * sessions, the broadcast text built once and sent asynchronously to each session without waiting,
 * the result sent right after. Shared by the plain endpoints on the standalone server and in the WAR.
 */
final class PlainShootout {

    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

    private PlainShootout() {}

    static void open(Session session) {
        SESSIONS.add(session);
    }

    static void message(String text, Session session) {
        Protocol.Request request = Protocol.Request.parse(text);
        switch (request.type()) {
            case "echo" -> session.getAsyncRemote().sendText(request.as("echo"));
            case "broadcast" -> {
                String broadcast = request.as("broadcast");
                int listeners = 0;
                for (Session each : SESSIONS) {
                    each.getAsyncRemote().sendText(broadcast);
                    listeners++;
                }
                session.getAsyncRemote().sendText(request.result(listeners));
            }
            default -> throw new IllegalArgumentException("Unknown message type: " + request.type());
        }
    }

    static void close(Session session) {
        SESSIONS.remove(session);
    }
}
