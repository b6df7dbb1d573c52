package io.wschannels.cdi.connection;

import io.wschannels.cdi.container.FrameWriter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * How an {@link Outbox} hands one item to the container: text through JSR-356, or as a frame where
 * the container has a {@link FrameWriter}; several texts as one JSR-356 batch where the container
 * writes a flushed batch at once; binary; the close, on the calling thread or, while the
 * container's open callback runs, later.
 */
final class SessionWrites {

    private final Session session;
    /** The container's frame writer, or {@code null}: then text goes through JSR-356. */
    private final FrameWriter frames;
    /** While set, a close is run by it instead of on the calling thread; see {@link #closeLater}. */
    private volatile Consumer<Runnable> closeLater;

    /**
     * Where there is no frame writer: the executor of the connection's I/O thread, on which a
     * broadcast's text is flushed, with the texts queued by then sent as one batch; or {@code null}.
     */
    private final Executor batches;

    SessionWrites(Session session, FrameWriter frames, Executor batches) {
        this.session = session;
        this.frames = frames;
        this.batches = frames == null ? batches : null;
    }

    /** How waiting texts are joined on this session: as frames through its frame writer, as one batch, or not. */
    WaitingLine.Joining joining() {
        if (frames != null) {
            return WaitingLine.Joining.FRAMES;
        }
        return batches != null ? WaitingLine.Joining.TEXTS : WaitingLine.Joining.NONE;
    }

    /** Whether texts waiting together are joined: then a broadcast waits for its flush, to be joined. */
    boolean framed() {
        return joining() != WaitingLine.Joining.NONE;
    }

    /** See {@link FrameWriter#flushLater}; with batches, always later, on the connection's I/O thread. */
    boolean flushLater(Runnable flush) {
        if (frames != null) {
            return frames.flushLater(flush);
        }
        if (batches == null) {
            return false;
        }
        try {
            batches.execute(flush);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false; // the I/O thread is stopping: written now, or failed as the connection ends
        }
    }

    /** See {@link Outbox#closeLater}. */
    void closeLater(Consumer<Runnable> later) {
        closeLater = later;
    }

    /**
     * Starts a write; its outcome reaches the item. A close completes at once.
     *
     * @throws IOException if it could not even start
     */
    void start(Outgoing outgoing) throws IOException {
        switch (outgoing.kind) {
            case TEXT -> {
                OutgoingText text = (OutgoingText) outgoing.payload;
                if (frames != null) {
                    frames.write(text.frame(), outgoing);
                } else {
                    session.getAsyncRemote().sendText(text.text(), outgoing);
                }
            }
            case FRAMES -> frames.write((ByteBuffer[]) outgoing.payload, outgoing);
            case TEXTS -> batch((OutgoingText[]) outgoing.payload, outgoing);
            case BINARY -> session.getAsyncRemote().sendBinary((ByteBuffer) outgoing.payload, outgoing);
            case CLOSE -> {
                Consumer<Runnable> later = closeLater;
                if (later != null) {
                    later.accept(() -> {
                        Throwable failure = closeNow((CloseReason) outgoing.payload);
                        outgoing.onResult(failure == null ? new SendResult() : new SendResult(failure));
                    });
                } else {
                    if (session.isOpen()) {
                        session.close((CloseReason) outgoing.payload);
                    }
                    outgoing.onResult(new SendResult());
                }
            }
            default -> throw new AssertionError(outgoing.kind);
        }
    }

    /**
     * Sends the texts back to back with batching allowed, then flushes them together; the item's
     * handler is the last text's.
     */
    private void batch(OutgoingText[] texts, Outgoing outgoing) throws IOException {
        RemoteEndpoint.Async remote = session.getAsyncRemote();
        remote.setBatchingAllowed(true);
        try {
            SendHandler part = outgoing.part();
            for (int i = 0; i < texts.length - 1; i++) {
                remote.sendText(texts[i].text(), part);
            }
            remote.sendText(texts[texts.length - 1].text(), outgoing);
        } finally {
            // Batching off before the flush: a frame the container queues in between (a pong, a
            // close) is not left waiting for a flush; it leaves with this one or flushes itself.
            remote.setBatchingAllowed(false);
            remote.flushBatch();
        }
    }

    /** Closes the session, not queued: for a peer that may never complete the write in flight. */
    void closeNow(CloseReason.CloseCodes code, String reason) throws IOException {
        session.close(new CloseReason(code, reason));
    }

    private Throwable closeNow(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }
}
