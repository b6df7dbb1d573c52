package io.wschannels.it.app;

import io.wschannels.Batched;
import io.wschannels.Channel;
import io.wschannels.Route;
import java.util.List;

/** Batches of three, reported with the thread they ran on. */
@Route("/batched")
@Batched(maxMessages = 3, maxDelayMillis = 200)
public class BatchProbe extends Channel {

    @Override
    public void onBatch(List<String> messages) {
        send(String.join(",", messages) + " on " + Thread.currentThread().getName());
    }
}
