package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;

/** Pings every 100 ms; silent for 400 ms is dead. Counts the pongs it gets. */
@Route("/heartbeat")
@Limits(heartbeatMillis = 100, pongTimeoutMillis = 400)
public class HeartbeatChannel extends Channel {

    @Inject
    Registry<HeartbeatChannel> registry;

    private int pongs;

    @Override
    public void onConnect() {
        registry.join("beating", connection());
        send("id:" + connection().id());
    }

    @Override
    public void onPong(ByteBuffer applicationData) {
        pongs++;
    }

    @Override
    public void onMessage(String message) {
        send("pongs:" + pongs);
    }

    @Override
    public void onClose(CloseReason.CloseCode code, String reason) {
        Lifecycle.EVENTS.add("heartbeat-close:" + connection().id() + ":" + code.getCode() + ":" + reason);
    }
}
