package io.wschannels.tyrus.messages;

import io.wschannels.Batched;
import io.wschannels.Channel;
import io.wschannels.Route;
import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Batches of at most 10 messages or 300 ms; says what each batch held and on which thread it ran. */
@Route("/batch")
@Batched(maxMessages = 10, maxDelayMillis = 300)
public class BatchChannel extends Channel {

    /** What every connection saw, in order, including what happened at its end. */
    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    /**
     * Connections whose close callback has not run yet. A client's close returns before the server's
     * {@code onClose} has run, so a test waits for zero before it clears {@link #EVENTS}.
     */
    public static final AtomicInteger OPEN = new AtomicInteger();

    @Override
    public void onConnect() {
        OPEN.incrementAndGet();
    }

    @Override
    public void onBatch(List<String> messages) {
        EVENTS.add("batch " + String.join(",", messages));
        send("batch " + messages.size() + ": " + String.join(",", messages) + " on "
                + Thread.currentThread().getName());
    }

    @Override
    public void onClose(CloseReason.CloseCode code, String reason) {
        EVENTS.add("close " + code.getCode());
        OPEN.decrementAndGet();
    }
}
