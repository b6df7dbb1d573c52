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
}
