package io.wschannels.it.app;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Route;
import java.nio.ByteBuffer;

/**
 * Pings every 200 ms and tells the client each pong that came back, counted; the message "release"
 * lets {@link HeldBatch}'s batches go on.
 */
@Route("/heartbeat")
@Limits(heartbeatMillis = 200, pongTimeoutMillis = 1000)
public class HeartbeatChannel extends Channel {

    private int pongs;

    @Override
    public void onPong(ByteBuffer applicationData) {
        send("pongs:" + ++pongs);
    }

    @Override
    public void onMessage(String message) {
        if ("release".equals(message)) {
            HeldBatch.release();
        }
    }
}
