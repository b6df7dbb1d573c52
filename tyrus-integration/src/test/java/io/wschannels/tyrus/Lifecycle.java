package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What test channels report about their life, read by the tests with a timeout. */
final class Lifecycle {

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    /** Released by a test to let a channel's onClose that waits on it return. */
    static volatile java.util.concurrent.CountDownLatch closeGate = new java.util.concurrent.CountDownLatch(0);

    private Lifecycle() {}

    /** Waits for the event, skipping events of other connections. */
    static void await(String event) throws InterruptedException {
        awaitMatching(event::equals);
    }

    /** Waits for an event that matches, leaving the others in place. */
    static String awaitMatching(java.util.function.Predicate<String> matching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        java.util.List<String> seen = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            String next = EVENTS.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next != null && matching.test(next)) {
                EVENTS.addAll(seen);
                return next;
            }
            if (next != null) {
                seen.add(next);
            }
        }
        EVENTS.addAll(seen);
        return fail("No matching lifecycle event within 10 s; saw " + seen);
    }
}
