package io.wschannels.cdi.container;

import jakarta.websocket.SendHandler;
import java.nio.ByteBuffer;

/**
 * Writes bytes that are already whole WebSocket frames to one session's connection, in order with
 * the frames the container writes itself. What a container offers below JSR-356 so that a
 * broadcast is framed once for all its recipients, not once per recipient.
 */
public interface FrameWriter {

    /**
     * Hands whole frames to the container; at most one write at a time per session (the outbox
     * keeps to that).
     *
     * @param frames one or more whole frames, read from its position to its limit; not touched
     *     after the write completes
     * @param done told once the bytes have left for the socket, or why not; perhaps on this thread
     */
    void write(ByteBuffer frames, SendHandler done);

    /**
     * Hands several buffers of whole frames to the container as one write. This default joins them
     * into one buffer; a container that writes several buffers with one system call should do that
     * instead, since the frames of a broadcast are shared by all its recipients and need no copy.
     *
     * @param frames buffers of whole frames, in order, each read from its position to its limit
     * @param done told once, when all of them have left for the socket, or why not
     */
    default void write(ByteBuffer[] frames, SendHandler done) {
        int total = 0;
        for (ByteBuffer frame : frames) {
            total += frame.remaining();
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        for (ByteBuffer frame : frames) {
            joined.put(frame);
        }
        write(joined.flip(), done);
    }

    /**
     * Offers to run a flush of queued frames at the end of the container's current I/O turn
     * instead of now: the broadcasts read in the same turn are then queued on each recipient
     * before any is written, and leave together. This default declines.
     *
     * @param flush what to run
     * @return {@code true} if it will run it (on its I/O thread, soon), {@code false} if the
     *     caller must run it now
     */
    default boolean flushLater(Runnable flush) {
        return false;
    }
}
