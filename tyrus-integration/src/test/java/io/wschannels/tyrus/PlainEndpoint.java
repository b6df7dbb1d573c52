package io.wschannels.tyrus;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** An application's own JSR-356 endpoint, served beside channels. */
@ServerEndpoint("/plain")
public class PlainEndpoint {

    @OnMessage
    public String echo(String message) {
        return "plain:" + message;
    }
}
