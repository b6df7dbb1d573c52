package io.wschannels.cdi.connection;

import io.wschannels.Limits;
import io.wschannels.cdi.container.FrameWriter;
import io.wschannels.cdi.metrics.ChannelMetrics;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ordered, bounded outbound queue of one connection. Containers allow one asynchronous write
 * at a time per session (some throw, some queue without bound), so this queue keeps at most one
 * write in flight and starts the next when the previous completes; the container reports completion
 * only once the frame has left for the socket, so a peer that stops reading stops the queue, which
 * then fills up to its byte limit and the channel's {@link Limits.Overflow} policy applies. A close
 * is queued like a message, so it leaves after what was sent before it. Nobody blocks.
 *
 * <p>Where the container takes whole frames (a {@link FrameWriter}), or writes a flushed batch at
 * once (Undertow), texts waiting together leave in one write, up to {@link
 * WaitingLine#MAX_JOINED_BYTES}: one system call for several messages. A broadcast
 * makes them wait together on purpose: it queues its text on every recipient first ({@link
 * #textLater}) and then flushes each, so a broadcast that arrives while another is still being
 * written joins it in the same write wherever the first has not reached yet.
 */
final class Outbox {

    /** The close reason of a connection closed by {@link Limits.Overflow#CLOSE}. */
    static final String TOO_SLOW = "Too slow: outbound queue full";

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final SessionWrites session;

    private final Owner owner;
    private final ChannelMetrics metrics;
    private final int limitBytes;
    private final Limits.Overflow overflow;
    /** What waits behind the write in flight. */
    private final WaitingLine queue;

    private boolean writing;
    /** The item being written; settled by its write's completion, or failed early by close or overflow. */
    private Outgoing inFlight;
    /**
     * A text queued by {@link #textLater} on an idle outbox, waiting for {@link #flush}: it holds the
     * place of the write in flight ({@code writing} is set), so it is not counted in the queue's bytes.
     */
    private Outgoing waiting;

    private boolean accepting = true;

    /** What an outbox needs of its connection: a name for messages, and being told of an overflow. */
    interface Owner {
        /** The overflow policy closed the connection: it leaves, its close is this one. */
        void overflowed();
    }

    /**
     * @param frames the session's frame writer, or {@code null} to send text through JSR-356
     * @param batches where there is no frame writer, the executor of the connection's I/O thread,
     *     where a broadcast's text is flushed and the texts waiting by then leave as one JSR-356
     *     batch (Undertow); or {@code null}
     * @param owner its connection; {@code toString()} names it in messages
     * @param metrics its channel's counters: what is sent, and slow consumers closed
     * @param limitBytes {@code @Limits(outboundQueueBytes)}
     * @param overflow {@code @Limits(overflow)}
     */
    Outbox(
            Session session,
            FrameWriter frames,
            Executor batches,
            Owner owner,
            ChannelMetrics metrics,
            int limitBytes,
            Limits.Overflow overflow) {
        this.session = new SessionWrites(session, frames, batches);
        this.queue = new WaitingLine(this.session.joining());
        this.owner = owner;
        this.metrics = metrics;
        this.limitBytes = limitBytes;
        this.overflow = overflow;
    }

    CompletableFuture<Void> text(String text) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        OutgoingText outgoing = new OutgoingText(text);
        offer(Outgoing.Kind.TEXT, outgoing, outgoing.bytes(), futureOf(done), false);
        return done;
    }

    /**
     * Queues a broadcast's text (measured, and framed, once for all its recipients), to be written
     * by {@link #flush} once it is queued on every recipient. Without a frame writer there is
     * nothing to join, and it is written at once.
     *
     * @return {@code true} if the caller must call {@link #flush} (this outbox was idle)
     */
    boolean textLater(OutgoingText text, Completion completion) {
        return offer(Outgoing.Kind.TEXT, text, text.bytes(), completion, session.framed());
    }

    /** Writes what {@link #textLater} left waiting, joined with whatever has been queued since. */
    void flush() {
        Outgoing first;
        synchronized (this) {
            first = waiting;
            waiting = null;
            if (first == null) {
                return; // terminated or overflowed meanwhile: already failed
            }
            first = queue.next(first, this);
            inFlight = first;
        }
        writeFrom(first);
    }

    /**
     * {@link #flush}, at the end of the container's I/O turn where it offers that, so that the
     * broadcasts read in the same turn leave in one write; else now.
     */
    void flushSoon() {
        if (!session.flushLater(this::flush)) {
            flush();
        }
    }

    CompletableFuture<Void> binary(ByteBuffer data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        offer(Outgoing.Kind.BINARY, data, data.remaining(), futureOf(done), false);
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
        offer(Outgoing.Kind.CLOSE, reason, 0, futureOf(done), false);
        return done;
    }

    /**
     * Until {@code null} is given again, hands a close to {@code later} instead of closing the
     * session on the calling thread. For the container's open callback: Tyrus inside a servlet
     * container (Payara, GlassFish) closes the HTTP connection at once when a session is closed
     * from {@code onOpen}, while the container is still finishing the upgrade request; that
     * recycled request then fails, and with it, at times, another client's handshake.
     */
    void closeLater(Consumer<Runnable> later) {
        session.closeLater(later);
    }

    /** @return the connection, for messages */
    String describe() {
        return owner.toString();
    }

    /** Bytes waiting to be written, not counting the write in flight. */
    synchronized long queuedBytes() {
        return queue.bytes();
    }

    /** The connection has ended: fail whatever is still queued and accept nothing more. */
    void terminate() {
        ArrayDeque<Outgoing> left = new ArrayDeque<>();
        synchronized (this) {
            accepting = false;
            queue.drainTo(left);
            // A write to a peer that vanished may never be reported by the container.
            if (waiting != null) {
                left.addFirst(waiting);
                waiting = null;
            }
            if (inFlight != null) {
                left.addFirst(inFlight);
                inFlight = null;
            }
        }
        for (Outgoing outgoing : left) {
            outgoing.completion.done(closedError());
        }
    }

    /** @return whether the item waits for {@link #flush} ({@code later} and the outbox was idle) */
    private boolean offer(Outgoing.Kind kind, Object payload, int bytes, Completion completion, boolean later) {
        Outgoing item = new Outgoing(this, kind, payload, bytes, completion);
        ArrayDeque<Outgoing> dropped = null;
        synchronized (this) {
            if (!accepting) {
                completion.done(closedError());
                return false;
            }
            if (!writing) {
                if (kind == Outgoing.Kind.CLOSE) {
                    accepting = false;
                }
                writing = true; // idle: write it now (or at the flush), without queueing
                if (later) {
                    waiting = item;
                    sent(kind, bytes);
                    return true;
                }
                inFlight = item;
            } else if (kind == Outgoing.Kind.CLOSE || queue.bytes() + bytes <= limitBytes) {
                if (kind == Outgoing.Kind.CLOSE) {
                    accepting = false;
                }
                queue.add(item);
                sent(kind, bytes);
                return false;
            } else if (overflow == Limits.Overflow.FAIL_SEND) {
                completion.done(new RejectedExecutionException("Not sent to " + describe() + ": its outbound"
                        + " queue holds " + queue.bytes() + " bytes and this message of " + bytes + " bytes would"
                        + " exceed the limit of " + limitBytes + " (@Limits.outboundQueueBytes). The peer reads"
                        + " too slowly; check Connection#queuedBytes() before sending."));
                return false;
            } else {
                // CLOSE: free the memory now and end the connection; everything queued fails,
                // including the write in flight, which a stalled peer would never complete.
                accepting = false;
                dropped = new ArrayDeque<>();
                if (inFlight != null) {
                    dropped.add(inFlight);
                    inFlight = null;
                }
                if (waiting != null) {
                    dropped.add(waiting);
                    waiting = null;
                }
                queue.drainTo(dropped);
                dropped.add(item);
            }
        }
        if (dropped != null) {
            overflowed(dropped);
            return false;
        }
        sent(kind, bytes);
        writeFrom(item);
        return false;
    }

    /** Counted when queued: what a connection was sent is what it was handed, written or not yet. */
    private void sent(Outgoing.Kind kind, int bytes) {
        if (kind != Outgoing.Kind.CLOSE) {
            metrics.sent(bytes);
        }
    }

    private void overflowed(ArrayDeque<Outgoing> dropped) {
        metrics.slowConsumerClosed();
        IllegalStateException tooSlow = new IllegalStateException("Dropped for " + describe() + ": the peer did"
                + " not keep up and its outbound queue exceeded " + limitBytes + " bytes, so the connection was closed"
                + " with 1008 (@Limits.overflow = CLOSE)");
        for (Outgoing outgoing : dropped) {
            outgoing.completion.done(tooSlow);
        }
        owner.overflowed();
        try {
            // Not queued: the write in flight may never finish if the peer stopped reading.
            session.closeNow(CloseReason.CloseCodes.VIOLATED_POLICY, TOO_SLOW);
        } catch (IOException | RuntimeException e) {
            // The container ends the session either way; nothing is left to free here.
            LOG.log(Level.FINE, "Closing slow " + describe() + " failed", e);
        }
    }

    /** Writes items until one is still in flight (its completion resumes) or none is left. */
    void writeFrom(Outgoing item) {
        while (item != null) {
            Throwable failure = write(item);
            if (failure == null && !item.completedInline()) {
                return; // item.onResult resumes
            }
            item = finishAndTakeNext(item, failure != null ? failure : item.inlineFailure());
        }
    }

    /**
     * Reports a finished write (unless close or overflow already failed it) and takes the next
     * item, in one pass under the lock.
     */
    Outgoing finishAndTakeNext(Outgoing done, Throwable failure) {
        boolean report;
        Outgoing next;
        synchronized (this) {
            report = inFlight == done;
            next = queue.next(null, this);
            inFlight = next;
            if (next == null) {
                writing = false;
            }
        }
        if (report) {
            done.completion.done(failure);
        }
        return next;
    }

    /** Starts a write; returns the failure if it could not even start. A close completes at once. */
    private Throwable write(Outgoing outgoing) {
        try {
            session.start(outgoing);
            return null;
        } catch (IOException | RuntimeException e) {
            return new IOException("Could not send to " + describe() + ": " + e, e);
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("Cannot send to " + describe() + ": the connection is closed or closing."
                + " Check Connection#isOpen() before sending to a connection kept outside the registry.");
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
