package io.wschannels.tyrus.messages;

import io.wschannels.Batched;
import io.wschannels.Channel;
import io.wschannels.Route;
import java.util.List;

/** Batches of 10 that wait up to a minute: only a full batch is delivered in a test's time. */
@Route("/batch/full")
@Batched(maxMessages = 10, maxDelayMillis = 60_000)
public class SlowBatchChannel extends Channel {

    @Override
    public void onBatch(List<String> messages) {
        send("batch " + messages.size() + ": " + String.join(",", messages));
    }
}
