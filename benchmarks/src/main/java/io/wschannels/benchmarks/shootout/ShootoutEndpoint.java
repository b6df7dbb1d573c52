package io.wschannels.benchmarks.shootout;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The websocket-shootout protocol as a plain JSR-356 endpoint, written the best plain way: one
 * concurrent set of sessions, the broadcast text built once and sent asynchronously to each
 * session without waiting, the result sent right after.
 */
@ServerEndpoint("/shootout")
public class ShootoutEndpoint {

    static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

    @OnOpen
    public void open(Session session) {
        SESSIONS.add(session);
    }

    @OnMessage
    public void message(String text, Session session) {
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

    @OnClose
    public void close(Session session) {
        SESSIONS.remove(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        SESSIONS.remove(session);
    }
}
