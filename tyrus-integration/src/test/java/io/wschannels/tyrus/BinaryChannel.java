package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Route;
import java.nio.ByteBuffer;

/** Takes binary messages and answers with the bytes reversed. */
@Route("/binary")
public class BinaryChannel extends Channel {

    @Override
    public void onBinary(ByteBuffer data) {
        byte[] reversed = new byte[data.remaining()];
        for (int i = reversed.length - 1; i >= 0; i--) {
            reversed[i] = data.get();
        }
        connection().sendBinary(ByteBuffer.wrap(reversed));
    }
}
