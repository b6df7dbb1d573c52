package io.wschannels.benchmarks.shootout;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The protocol as a plain JSR-356 endpoint (see {@link PlainShootout}), on its own path so that it
 * can sit beside the channel, which has {@code /shootout}, in the shootout's WAR.
 */
@ServerEndpoint("/plain")
public class ShootoutEndpoint {

    @OnOpen
    public void open(Session session) {
        PlainShootout.open(session);
    }

    @OnMessage
    public void message(String text, Session session) {
        PlainShootout.message(text, session);
    }

    @OnClose
    public void close(Session session) {
        PlainShootout.close(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        PlainShootout.close(session);
    }
}
