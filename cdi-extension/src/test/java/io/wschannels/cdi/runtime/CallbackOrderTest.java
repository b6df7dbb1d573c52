package io.wschannels.cdi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One callback at a time per connection, and an end never in the middle of one. */
class CallbackOrderTest {

    private final List<String> events = new ArrayList<>();
    private final CallbackOrder order = new CallbackOrder() {
        @Override
        void finish(CloseReason reason) {
            events.add("end " + reason.getReasonPhrase());
        }
    };

    private static CloseReason reason(String phrase) {
        return new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, phrase);
    }

    @Test
    void anEndOutsideACallbackFinishesAtOnce() {
        order.end(reason("now"));
        assertEquals(List.of("end now"), events);
    }

    @Test
    void anEndInsideACallbackWaitsUntilTheOutermostCallbackHasReturned() {
        order.run(() -> {
            events.add("outer");
            order.run(() -> {
                events.add("inner");
                order.end(reason("first"));
                order.end(reason("second"));
                events.add("inner done");
            });
            events.add("outer done");
        });
        assertEquals(List.of("outer", "inner", "inner done", "outer done", "end first"), events);
    }

    @Test
    void callbacksOfTwoThreadsNeverOverlap() throws Exception {
        AtomicBoolean inside = new AtomicBoolean();
        AtomicBoolean overlapped = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        Runnable callback = () -> {
            if (!inside.compareAndSet(false, true)) {
                overlapped.set(true);
            }
            Thread.onSpinWait();
            inside.set(false);
        };
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 20_000; i++) {
                    order.run(callback);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(thread.isAlive(), "finished");
        }
        assertFalse(overlapped.get(), "two callbacks ran at the same time");
        assertTrue(events.isEmpty());
    }
}
