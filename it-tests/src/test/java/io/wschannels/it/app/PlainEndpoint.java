package io.wschannels.it.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** The application's own JSR-356 endpoint: it must keep working beside channels. */
@ServerEndpoint("/plain")
public class PlainEndpoint {

    @OnMessage
    public String echo(String message) {
        return "plain:" + message;
    }
}
