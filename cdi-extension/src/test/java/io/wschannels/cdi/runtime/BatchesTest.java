package io.wschannels.cdi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.Batched;
import io.wschannels.cdi.ManualScheduler;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Batches by count or delay, in arrival order, on the runtime's threads, nothing lost at the end. */
class BatchesTest {

    @Batched(maxMessages = 3, maxDelayMillis = 100)
    private static final class Three {}

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<List<String>> delivered = new ArrayList<>();
    private final List<CloseReason> ended = new ArrayList<>();
    private final CallbackOrder order = new CallbackOrder() {
        @Override
        void finish(CloseReason reason) {
            ended.add(reason);
        }
    };
    private final Batches batches = new Batches(
            Three.class.getAnnotation(Batched.class),
            scheduler,
            order,
            scheduler.clock(),
            delivered::add,
            "connection c1");

    private void add(String... messages) {
        for (String message : messages) {
            batches.add(message);
        }
    }

    @Test
    void aFullBatchIsDeliveredAtOnceButNotOnTheThreadThatAddsIt() {
        add("a", "b", "c");
        assertEquals(List.of(), delivered, "the container's thread only appends");
        scheduler.runDue();
        assertEquals(List.of(List.of("a", "b", "c")), delivered);
    }

    @Test
    void aPartialBatchWaitsForTheDelayAndNoLonger() {
        add("a");
        scheduler.advance(40, TimeUnit.MILLISECONDS);
        add("b");
        scheduler.advance(59, TimeUnit.MILLISECONDS);
        assertEquals(List.of(), delivered, "99 ms after the first message");
        scheduler.advance(1, TimeUnit.MILLISECONDS);
        assertEquals(List.of(List.of("a", "b")), delivered, "100 ms after the first message");
    }

    @Test
    void moreThanABatchLeavesInBatchesInArrivalOrder() {
        add("a", "b", "c", "d", "e", "f", "g");
        scheduler.runDue();
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e", "f")), delivered);
        scheduler.advance(100, TimeUnit.MILLISECONDS);
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e", "f"), List.of("g")), delivered);
    }

    @Test
    void everythingPendingIsDeliveredAtTheEndAndNoTimerIsLeft() {
        add("x", "y");
        order.run(() -> batches.deliverDue(true));
        assertEquals(List.of(List.of("x", "y")), delivered);
        assertEquals(0, scheduler.waiting(), "the timer was cancelled");
    }

    @Test
    void whenTheRuntimesThreadsHaveStoppedTheBatchWaitsForTheEnd() {
        scheduler.shutdown();
        add("a", "b", "c", "d");
        assertEquals(List.of(), delivered);
        order.run(() -> batches.deliverDue(true));
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d")), delivered);
    }
}
