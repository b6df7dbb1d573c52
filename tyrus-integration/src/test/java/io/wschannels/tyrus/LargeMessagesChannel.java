package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Route;

/** Accepts messages of up to 6 MiB, more than Tyrus' own 4 MiB frame buffer, and says how big each was. */
@Route("/large")
@Limits(maxMessageBytes = 6 * 1024 * 1024)
public class LargeMessagesChannel extends Channel {

    @Override
    public void onMessage(String message) {
        send("text " + message.length());
    }
}
