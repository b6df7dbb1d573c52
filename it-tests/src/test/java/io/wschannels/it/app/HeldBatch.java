package io.wschannels.it.app;

import io.wschannels.Batched;
import io.wschannels.Channel;
import io.wschannels.Route;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Batches of one whose {@code onBatch} takes as long as a slow database write would: it says
 * "holding", then waits until {@link #release()} (at most 30 s) and says "released".
 */
@Route("/held")
@Batched(maxMessages = 1, maxDelayMillis = 1000)
public class HeldBatch extends Channel {

    private static final CountDownLatch RELEASED = new CountDownLatch(1);

    /** Lets every held batch go on. */
    public static void release() {
        RELEASED.countDown();
    }

    @Override
    public void onBatch(List<String> messages) {
        send("holding");
        try {
            send(RELEASED.await(30, TimeUnit.SECONDS) ? "released" : "never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
