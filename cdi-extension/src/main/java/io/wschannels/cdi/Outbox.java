package io.wschannels.cdi;

import io.wschannels.Limits;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The ordered, bounded outbound queue of one connection. Containers allow one asynchronous write
 * at a time per session (some throw, some queue without bound), so this queue keeps at most one
 * write in flight and starts the next when the previous completes; the container reports completion
 * only once the frame has left for the socket, so a peer that stops reading stops the queue, which
 * then fills up to its byte limit and the channel's {@link Limits.Overflow} policy applies. A close
 * is queued like a message, so it leaves after what was sent before it. Nobody blocks.
 */
final class Outbox {

    /** Told once whether a queued item was written. Single sends use a future, broadcasts share a counter. */
    interface Completion {
        void done(Throwable failure);
    }

    private enum Kind { TEXT, BINARY, CLOSE }

    private record Outgoing(Kind kind, Object payload, int bytes, Completion completion) {
    }

    private static final String TOO_SLOW = "Too slow: outbound queue full";

    private final Session session;
    private final Supplier<String> describer;
    private final int limitBytes;
    private final Limits.Overflow overflow;
    private final Runnable onOverflowClose;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    /** The item being written; settled by its write's completion, or failed early by close or overflow. */
    private Outgoing inFlight;
    private boolean accepting = true;

    Outbox(Session session, Supplier<String> describer, int limitBytes, Limits.Overflow overflow,
            Runnable onOverflowClose) {
        this.session = session;
        this.describer = describer;
        this.limitBytes = limitBytes;
        this.overflow = overflow;
        this.onOverflowClose = onOverflowClose;
    }

    CompletableFuture<Void> text(String text) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        offer(Kind.TEXT, text, Utf8.length(text), futureOf(done));
        return done;
    }

    /** Queues a text whose size is already known (a broadcast measures its payload once). */
    void text(String text, int bytes, Completion completion) {
        offer(Kind.TEXT, text, bytes, completion);
    }

    CompletableFuture<Void> binary(ByteBuffer data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        offer(Kind.BINARY, data, data.remaining(), futureOf(done));
        return done;
    }

    /** Queues the close frame; nothing is accepted after it. A second close completes at once. */
    CompletableFuture<Void> close(CloseReason reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (!accepting) {
                done.complete(null);
                return done;
            }
        }
        offer(Kind.CLOSE, reason, 0, futureOf(done));
        return done;
    }

    /** Bytes waiting to be written, not counting the write in flight. */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** The connection has ended: fail whatever is still queued and accept nothing more. */
    void terminate() {
        ArrayDeque<Outgoing> left;
        synchronized (this) {
            accepting = false;
            left = new ArrayDeque<>(queue);
            queue.clear();
            queuedBytes = 0;
            // A write to a peer that vanished may never be reported by the container.
            if (inFlight != null) {
                left.addFirst(inFlight);
                inFlight = null;
            }
        }
        for (Outgoing outgoing : left) {
            outgoing.completion().done(closedError());
        }
    }

    private void offer(Kind kind, Object payload, int bytes, Completion completion) {
        ArrayDeque<Outgoing> dropped = null;
        synchronized (this) {
            if (!accepting) {
                completion.done(closedError());
                return;
            }
            if (kind != Kind.CLOSE && queuedBytes + bytes > limitBytes && (writing || !queue.isEmpty())) {
                if (overflow == Limits.Overflow.FAIL_SEND) {
                    completion.done(new RejectedExecutionException("Not sent to " + describer.get() + ": its outbound"
                            + " queue holds " + queuedBytes + " bytes and this message of " + bytes + " bytes would"
                            + " exceed the limit of " + limitBytes + " (@Limits.outboundQueueBytes). The peer reads"
                            + " too slowly; check Connection#queuedBytes() before sending."));
                    return;
                }
                // CLOSE: free the memory now and end the connection; everything queued fails.
                accepting = false;
                dropped = new ArrayDeque<>(queue);
                dropped.add(new Outgoing(kind, payload, bytes, completion));
                if (inFlight != null) {
                    dropped.addFirst(inFlight); // a stalled peer would never complete it
                    inFlight = null;
                }
                queue.clear();
                queuedBytes = 0;
            } else {
                if (kind == Kind.CLOSE) {
                    accepting = false;
                }
                queue.add(new Outgoing(kind, payload, bytes, completion));
                queuedBytes += bytes;
                if (writing) {
                    return;
                }
                writing = true;
            }
        }
        if (dropped != null) {
            overflowed(dropped);
            return;
        }
        drain();
    }

    private void overflowed(ArrayDeque<Outgoing> dropped) {
        IllegalStateException tooSlow = new IllegalStateException("Dropped for " + describer.get() + ": the peer did"
                + " not keep up and its outbound queue exceeded " + limitBytes + " bytes, so the connection was closed"
                + " with 1008 (@Limits.overflow = CLOSE)");
        for (Outgoing outgoing : dropped) {
            outgoing.completion().done(tooSlow);
        }
        onOverflowClose.run();
        try {
            // Not queued: the write in flight may never finish if the peer stopped reading.
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, TOO_SLOW));
        } catch (IOException | RuntimeException e) {
            // The container ends the session either way; nothing is left to free here.
            java.util.logging.Logger.getLogger(Outbox.class.getName()).log(java.util.logging.Level.FINE,
                    "Closing slow " + describer.get() + " failed", e);
        }
    }

    /** Writes queued items until one is still in flight (its completion resumes) or none is left. */
    private void drain() {
        while (true) {
            Outgoing next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    writing = false;
                    return;
                }
                queuedBytes -= next.bytes();
                inFlight = next;
            }
            CompletableFuture<Void> written = write(next);
            if (!written.isDone()) {
                written.whenComplete((ignored, failure) -> {
                    settle(next, failure);
                    drain();
                });
                return;
            }
            settle(next, written.isCompletedExceptionally() ? written.handle((v, e) -> e).join() : null);
        }
    }

    /** Reports a finished write unless it was already failed by close or overflow. */
    private void settle(Outgoing written, Throwable failure) {
        synchronized (this) {
            if (inFlight != written) {
                return;
            }
            inFlight = null;
        }
        written.completion().done(failure);
    }

    private CompletableFuture<Void> write(Outgoing outgoing) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            switch (outgoing.kind()) {
                case TEXT -> session.getAsyncRemote().sendText((String) outgoing.payload(), result -> complete(written, result));
                case BINARY -> session.getAsyncRemote().sendBinary((ByteBuffer) outgoing.payload(),
                        result -> complete(written, result));
                case CLOSE -> {
                    if (session.isOpen()) {
                        session.close((CloseReason) outgoing.payload());
                    }
                    written.complete(null);
                }
                default -> throw new AssertionError(outgoing.kind());
            }
        } catch (IOException | RuntimeException e) {
            written.completeExceptionally(new IOException("Could not send to " + describer.get() + ": " + e, e));
        }
        return written;
    }

    private void complete(CompletableFuture<Void> written, SendResult result) {
        if (result.isOK()) {
            written.complete(null);
        } else {
            written.completeExceptionally(new IOException("Could not send to " + describer.get() + ": "
                    + result.getException(), result.getException()));
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("Cannot send to " + describer.get() + ": the connection is closed or closing."
                + " Check Connection#isOpen(), and remove connections from rooms in Channel#onClose.");
    }

    private static Completion futureOf(CompletableFuture<Void> future) {
        return failure -> {
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        };
    }
}
