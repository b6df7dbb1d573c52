package io.wschannels.cdi.connection;

import io.wschannels.cdi.container.FrameWriter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * How an {@link Outbox} hands one item to the container: text through JSR-356, or as a frame where
 * the container has a {@link FrameWriter}; binary; the close, on the calling thread or, while the
 * container's open callback runs, later.
 */
final class SessionWrites {

    private final Session session;
    /** The container's frame writer, or {@code null}: then text goes through JSR-356. */
    private final FrameWriter frames;
    /** While set, a close is run by it instead of on the calling thread; see {@link #closeLater}. */
    private volatile Consumer<Runnable> closeLater;

    SessionWrites(Session session, FrameWriter frames) {
        this.session = session;
        this.frames = frames;
    }

    /** Whether whole frames can be written: then a broadcast waits for its flush, to be joined. */
    boolean framed() {
        return frames != null;
    }

    /** See {@link FrameWriter#flushLater}. */
    boolean flushLater(Runnable flush) {
        return frames != null && frames.flushLater(flush);
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
