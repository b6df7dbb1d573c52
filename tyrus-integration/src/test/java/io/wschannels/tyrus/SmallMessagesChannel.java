package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Route;
import java.nio.ByteBuffer;

/** Accepts messages of at most 1 KiB and says how big each was. */
@Route("/small")
@Limits(maxMessageBytes = 1024)
public class SmallMessagesChannel extends Channel {

    @Override
    public void onMessage(String message) {
        send("text " + message.length());
    }

    @Override
    public void onBinary(ByteBuffer data) {
        send("binary " + data.remaining());
    }
}
