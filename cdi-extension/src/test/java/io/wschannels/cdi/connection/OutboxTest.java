package io.wschannels.cdi.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Limits;
import io.wschannels.cdi.FakePeer;
import io.wschannels.cdi.metrics.ChannelMetrics;
import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbound queue's rules, on a fake session whose writes complete only when the test says so. */
class OutboxTest {

    private final FakePeer peer = new FakePeer();
    private final AtomicInteger overflowClosed = new AtomicInteger();

    private final ChannelMetrics metrics = new ChannelMetrics();
    private final Outbox.Owner owner = new Outbox.Owner() {
        @Override
        public void overflowed() {
            overflowClosed.incrementAndGet();
        }

        @Override
        public String toString() {
            return "connection c1 of Test (/t)";
        }
    };

    private Outbox outbox(int limit, Limits.Overflow overflow) {
        return new Outbox(peer.session, null, null, owner, metrics, limit, overflow);
    }

    @Test
    void oneWriteIsInFlightAndTheRestLeaveInOrder() throws Exception {
        Outbox outbox = outbox(1000, Limits.Overflow.CLOSE);
        CompletableFuture<Void> a = outbox.text("a");
        CompletableFuture<Void> b = outbox.text("b");
        CompletableFuture<Void> c = outbox.text("c");
        assertEquals(List.of("a"), peer.written);
        assertEquals(2, outbox.queuedBytes());
        peer.complete();
        assertTrue(a.isDone());
        assertFalse(b.isDone());
        peer.complete();
        peer.complete();
        assertEquals(List.of("a", "b", "c"), peer.written);
        c.get();
        assertEquals(0, outbox.queuedBytes());
    }

    @Test
    void aQueueFilledExactlyToItsLimitAcceptsAndOneMoreByteOverflows() {
        Outbox outbox = outbox(10, Limits.Overflow.CLOSE);
        outbox.text("in-flight"); // not counted: it is being written
        CompletableFuture<Void> nine = outbox.text("123456789");
        CompletableFuture<Void> one = outbox.text("0"); // exactly 10 bytes queued: accepted
        assertEquals(10, outbox.queuedBytes());
        assertFalse(nine.isDone() || one.isDone());
        assertEquals(0, overflowClosed.get());

        CompletableFuture<Void> over = outbox.text("!"); // 11: over the limit
        assertEquals(1, overflowClosed.get());
        assertEquals(
                List.of(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Too slow: outbound queue full")
                        .toString()),
                peer.closes.stream().map(CloseReason::toString).toList());
        for (CompletableFuture<Void> dropped : List.of(nine, one, over)) {
            ExecutionException e =
                    org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, dropped::get);
            assertEquals(
                    "Dropped for connection c1 of Test (/t): the peer did not keep up and its outbound queue"
                            + " exceeded 10 bytes, so the connection was closed with 1008 (@Limits.overflow = CLOSE)",
                    e.getCause().getMessage());
        }
        assertEquals(0, outbox.queuedBytes(), "the queue's memory is freed");
    }

    @Test
    void theWriteInFlightToAStalledPeerFailsWhenTheQueueOverflows() {
        Outbox outbox = outbox(4, Limits.Overflow.CLOSE);
        CompletableFuture<Void> stalled = outbox.text("never read");
        outbox.text("1234");
        outbox.text("5");
        assertTrue(stalled.isCompletedExceptionally(), "nothing waits for a peer that will never read");
        peer.complete(); // the container reports the write long after: no second outcome, no error
        assertTrue(stalled.isCompletedExceptionally());
    }

    @Test
    void failSendRefusesOnlyTheMessageThatDoesNotFitAndKeepsTheConnection() throws Exception {
        Outbox outbox = outbox(10, Limits.Overflow.FAIL_SEND);
        outbox.text("in-flight");
        CompletableFuture<Void> fits = outbox.text("1234567890");
        CompletableFuture<Void> refused = outbox.text("x");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, refused::get);
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
        assertEquals(
                "Not sent to connection c1 of Test (/t): its outbound queue holds 10 bytes and this message of 1"
                        + " bytes would exceed the limit of 10 (@Limits.outboundQueueBytes). The peer reads too"
                        + " slowly; check"
                        + " Connection#queuedBytes() before sending.",
                e.getCause().getMessage());
        assertEquals(0, overflowClosed.get());
        assertTrue(peer.closes.isEmpty());
        peer.complete();
        peer.complete();
        fits.get();
        assertEquals(List.of("in-flight", "1234567890"), peer.written);
    }

    @Test
    void aMessageLargerThanTheLimitIsSentWhenNothingElseIsQueued() throws Exception {
        Outbox outbox = outbox(4, Limits.Overflow.CLOSE);
        CompletableFuture<Void> big = outbox.text("larger than four bytes");
        peer.complete();
        big.get();
        assertEquals(0, overflowClosed.get());
    }

    @Test
    void closeLeavesAfterWhatWasQueuedAndNothingIsAcceptedAfterIt() throws Exception {
        Outbox outbox = outbox(1000, Limits.Overflow.CLOSE);
        outbox.text("first");
        CompletableFuture<Void> close = outbox.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
        CompletableFuture<Void> late = outbox.text("late");
        assertTrue(late.isCompletedExceptionally());
        assertTrue(peer.closes.isEmpty(), "the close waits for the message before it");
        peer.complete();
        close.get();
        assertEquals("bye", peer.closes.get(0).getReasonPhrase());
    }

    @Test
    void textIsMeasuredInUtf8Bytes() {
        assertEquals(3, Utf8.length("abc"));
        assertEquals(2, Utf8.length("é"));
        assertEquals(3, Utf8.length("€"));
        assertEquals(4, Utf8.length("\uD83D\uDE00"));
        assertEquals(3, Utf8.length("\uD83D")); // a lone surrogate counts as the 3 bytes of its UTF-8 form
        for (String sample : List.of("plain", "Jürgen", "価格", "\uD83D\uDE00 ok")) {
            assertEquals(sample.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, Utf8.length(sample), sample);
        }
    }

    // Where the container takes whole frames: waiting texts leave together.

    private Outbox framed(int limit) {
        return new Outbox(peer.session, peer.frames(), null, owner, metrics, limit, Limits.Overflow.CLOSE);
    }

    private static OutgoingText shared(String text) {
        return new OutgoingText(text);
    }

    @Test
    void textsWaitingBehindAWriteLeaveTogetherInOneWriteInOrder() throws Exception {
        Outbox outbox = framed(1000);
        CompletableFuture<Void> a = outbox.text("a");
        CompletableFuture<Void> b = outbox.text("b");
        CompletableFuture<Void> c = outbox.text("c");
        CompletableFuture<Void> d = outbox.text("d");
        assertEquals(List.of(List.of("a")), peer.frameWrites);
        peer.complete();
        assertTrue(a.isDone());
        assertEquals(List.of(List.of("a"), List.of("b", "c", "d")), peer.frameWrites);
        assertEquals(0, outbox.queuedBytes(), "what is in the one write in flight is no longer queued");
        assertFalse(b.isDone() || c.isDone() || d.isDone(), "done only when their write is");
        peer.complete();
        b.get();
        c.get();
        d.get();
    }

    @Test
    void aJoinedWriteStopsBeforeACloseAndBeforeItWouldPassTheCap() throws Exception {
        Outbox outbox = framed(1 << 20);
        String third = "x".repeat(WaitingLine.MAX_JOINED_BYTES / 3);
        outbox.text("a");
        outbox.text(third);
        outbox.text(third);
        outbox.text(third); // three frames of a third of the cap, each with its header: only two fit
        outbox.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
        peer.complete();
        assertEquals(List.of(third, third), peer.frameWrites.get(1));
        peer.complete();
        assertEquals(List.of(third), peer.frameWrites.get(2));
        assertTrue(peer.closes.isEmpty(), "the close waits for what was sent before it");
        peer.complete();
        assertEquals("bye", peer.closes.get(0).getReasonPhrase());
    }

    @Test
    void aFailedJoinedWriteFailsEachOfItsMessages() {
        Outbox outbox = framed(1000);
        outbox.text("a");
        CompletableFuture<Void> b = outbox.text("b");
        CompletableFuture<Void> c = outbox.text("c");
        peer.complete();
        peer.fail(new java.io.IOException("Broken pipe"));
        assertEachFailedWithBrokenPipe(b, c);
    }

    @Test
    void aBroadcastWaitsForItsFlushAndTakesWhatWasQueuedMeanwhile() throws Exception {
        Outbox outbox = framed(1000);
        List<Throwable> outcomes = new java.util.ArrayList<>();
        assertTrue(outbox.textLater(shared("first"), outcomes::add), "an idle outbox waits for the flush");
        assertFalse(outbox.textLater(shared("second"), outcomes::add), "one flush is enough");
        CompletableFuture<Void> direct = outbox.text("third");
        assertTrue(peer.frameWrites.isEmpty(), "nothing is written before the flush");
        outbox.flush();
        assertEquals(List.of(List.of("first", "second", "third")), peer.frameWrites);
        peer.complete();
        direct.get();
        assertEquals(java.util.Arrays.asList(null, null), outcomes);
        outbox.flush(); // a second flush finds nothing waiting
        assertEquals(1, peer.frameWrites.size());
    }

    @Test
    void theTextWaitingForTheFlushIsNotCountedAsQueued() {
        Outbox outbox = framed(10);
        assertTrue(outbox.textLater(shared("12345678901"), failure -> {})); // over the limit alone: sent anyway
        outbox.text("1234567890"); // exactly the limit
        assertEquals(10, outbox.queuedBytes());
        assertEquals(0, overflowClosed.get());
        outbox.text("1");
        assertEquals(1, overflowClosed.get(), "one byte over the limit");
    }

    @Test
    void aTextWaitingForTheFlushFailsWhenTheConnectionEnds() {
        Outbox outbox = framed(1000);
        List<Throwable> outcomes = new java.util.ArrayList<>();
        assertTrue(outbox.textLater(shared("late"), outcomes::add));
        outbox.terminate();
        assertEquals(1, outcomes.size());
        assertInstanceOf(IllegalStateException.class, outcomes.get(0));
        outbox.flush();
        assertTrue(peer.frameWrites.isEmpty());
        assertEquals(1, outcomes.size(), "told once");
    }

    @Test
    void withoutAFrameWriterABroadcastIsWrittenAtOnce() {
        Outbox outbox = outbox(1000, Limits.Overflow.CLOSE);
        assertFalse(outbox.textLater(shared("now"), failure -> {}));
        assertEquals(List.of("now"), peer.written);
    }

    // Undertow: a broadcast is flushed on the connection's I/O thread, texts waiting then go as one batch.

    private final List<Runnable> ioThread = new java.util.ArrayList<>();

    private Outbox batching(int limit) {
        return new Outbox(peer.session, null, ioThread::add, owner, metrics, limit, Limits.Overflow.CLOSE);
    }

    private void runIoThread() {
        List<Runnable> tasks = List.copyOf(ioThread);
        ioThread.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void aBroadcastIsFlushedOnTheIoThreadWithWhatWasQueuedMeanwhileAsOneBatch() throws Exception {
        Outbox outbox = batching(1000);
        CompletableFuture<Void> reply = new CompletableFuture<>();
        List<Throwable> broadcasts = new java.util.ArrayList<>();
        assertTrue(outbox.textLater(shared("b1"), broadcasts::add), "an idle outbox: the caller flushes");
        outbox.flushSoon();
        assertTrue(peer.written.isEmpty(), "nothing leaves before the I/O thread flushes");
        outbox.text("x").whenComplete((ok, failure) -> reply.complete(null));
        assertFalse(outbox.textLater(shared("b2"), broadcasts::add), "not idle: it joins the flush to come");
        runIoThread();
        assertEquals(List.of(List.of("b1", "x", "b2")), peer.batches);
        assertEquals(List.of(false), peer.batchingAtFlush, "batching is off again before the flush");
        assertEquals(0, outbox.queuedBytes(), "what is in the batch in flight is no longer queued");
        peer.complete();
        peer.complete();
        assertTrue(broadcasts.isEmpty() && !reply.isDone(), "the batch is done when its last text is");
        peer.complete();
        reply.get();
        assertEquals(java.util.Arrays.asList(null, null), broadcasts);
    }

    @Test
    void aBatchStopsBeforeACloseAndAtTheCapCountedInUtf8Bytes() throws Exception {
        Outbox outbox = batching(1 << 20);
        String half = "é".repeat(WaitingLine.MAX_JOINED_BYTES / 4); // 2 bytes a character: half the cap
        outbox.text("a");
        outbox.text(half);
        outbox.text(half); // together exactly the cap: one batch
        outbox.text(half + "x"); // one byte over what is left: the next batch
        outbox.text("y");
        outbox.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
        assertEquals(List.of("a"), peer.written, "a text on an idle outbox leaves at once, alone");
        peer.complete();
        assertEquals(List.of(List.of(half, half)), peer.batches);
        peer.complete();
        peer.complete();
        assertEquals(List.of(List.of(half, half), List.of(half + "x", "y")), peer.batches);
        assertTrue(peer.closes.isEmpty(), "the close waits for what was sent before it");
        peer.complete();
        peer.complete();
        assertEquals("bye", peer.closes.get(0).getReasonPhrase());
    }

    @Test
    void aFailedTextOfABatchFailsEachOfItsMessages() {
        Outbox outbox = batching(1000);
        outbox.text("a");
        CompletableFuture<Void> b = outbox.text("b");
        CompletableFuture<Void> c = outbox.text("c");
        peer.complete();
        peer.fail(new java.io.IOException("Broken pipe")); // b's write; c's then completes
        assertFalse(b.isDone());
        peer.complete();
        assertEachFailedWithBrokenPipe(b, c);
    }

    @Test
    void aBroadcastIsWrittenAtOnceWhenTheIoThreadNoLongerTakesTasks() {
        Outbox outbox = new Outbox(
                peer.session,
                null,
                task -> {
                    throw new RejectedExecutionException("stopping");
                },
                owner,
                metrics,
                1000,
                Limits.Overflow.CLOSE);
        assertTrue(outbox.textLater(shared("now"), failure -> {}));
        outbox.flushSoon();
        assertEquals(List.of("now"), peer.written);
    }

    private static void assertEachFailedWithBrokenPipe(CompletableFuture<?>... messages) {
        for (CompletableFuture<?> each : messages) {
            ExecutionException failed =
                    org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, each::get);
            assertTrue(
                    failed.getCause().getMessage().contains("Broken pipe"),
                    failed.getCause().getMessage());
        }
    }
}
