package io.wschannels.tyrus.tracing;

import io.wschannels.Batched;
import io.wschannels.Channel;
import io.wschannels.Route;
import java.util.List;

/** Handles messages three at a time, and says how many it got. */
@Route("/traced-batch")
@Batched(maxMessages = 3, maxDelayMillis = 60_000)
public class TracedBatchChannel extends Channel {

    @Override
    public void onBatch(List<String> messages) {
        send("batch of " + messages.size());
    }
}
