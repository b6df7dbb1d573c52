package io.wschannels.cdi.connection;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One item of an {@link Outbox}, and the container's callback for its write: no future or lambda per
 * write. Its state tells whether the container completed the write before {@code sendText} returned
 * (then the outbox's draining loop goes on) or later (then this callback resumes draining).
 */
final class Outgoing implements SendHandler {

    enum Kind {
        TEXT,
        /** Several texts' frames written as one, for a container's frame writer. */
        FRAMES,
        /** Several texts sent as one batch, flushed once ({@link OutgoingText}{@code []}). */
        TEXTS,
        BINARY,
        CLOSE
    }

    private static final int WRITING = 0;
    private static final int RETURNED = 1;
    private static final int DONE_INLINE = 2;
    private static final AtomicIntegerFieldUpdater<Outgoing> STATE =
            AtomicIntegerFieldUpdater.newUpdater(Outgoing.class, "state");

    final Kind kind;
    final Object payload;
    final int bytes;
    final Completion completion;
    private final Outbox outbox;
    private volatile int state = WRITING;
    private volatile Throwable inlineFailure;
    /** The first failure of a batch's earlier texts ({@link Kind#TEXTS}), reported with the last. */
    private volatile Throwable partFailure;

    Outgoing(Outbox outbox, Kind kind, Object payload, int bytes, Completion completion) {
        this.outbox = outbox;
        this.kind = kind;
        this.payload = payload;
        this.bytes = bytes;
        this.completion = completion;
    }

    /**
     * The handler of a batch's texts but its last, whose handler this item is: the container
     * completes a connection's messages in order, so theirs come first.
     */
    SendHandler part() {
        return result -> {
            if (!result.isOK() && partFailure == null) {
                partFailure = failure(result.getException());
            }
        };
    }

    @Override
    public void onResult(SendResult result) {
        Throwable failure = result.isOK() ? partFailure : failure(result.getException());
        if (state == WRITING) {
            inlineFailure = failure;
            if (STATE.compareAndSet(this, WRITING, DONE_INLINE)) {
                return; // the writing thread sees it when sendText returns
            }
        }
        outbox.writeFrom(outbox.finishAndTakeNext(this, failure));
    }

    private IOException failure(Throwable cause) {
        return new IOException("Could not send to " + outbox.describe() + ": " + cause, cause);
    }

    /** After handing the write to the container: true if it already completed on this thread. */
    boolean completedInline() {
        return !STATE.compareAndSet(this, WRITING, RETURNED);
    }

    /** The failure of a write that completed on the writing thread, or {@code null}. */
    Throwable inlineFailure() {
        return inlineFailure;
    }
}
