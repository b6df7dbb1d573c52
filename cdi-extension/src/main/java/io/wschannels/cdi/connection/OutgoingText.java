package io.wschannels.cdi.connection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text message on its way to one connection or to every recipient of a broadcast: the text, its
 * UTF-8 size, and, made on first need and then shared by all recipients, the WebSocket frame that
 * carries it (for containers with a {@link io.wschannels.cdi.container.FrameWriter}).
 */
public final class OutgoingText {

    private final String text;
    private final int bytes;
    /** Whether its frame lives outside the heap; see {@link #broadcast}. */
    private final boolean direct;

    private volatile ByteBuffer frame;

    /** @param text a message to one connection */
    OutgoingText(String text) {
        this(text, false);
    }

    private OutgoingText(String text, boolean direct) {
        this.text = text;
        this.bytes = Utf8.length(text);
        this.direct = direct;
    }

    /**
     * A broadcast's text, whose frame is made once outside the heap: a socket writes such memory
     * as it is, where bytes on the heap are first copied out by the JDK or the container, once per
     * recipient. The memory is freed when the last write lets go of the frame.
     *
     * @param text the message
     * @return the text to queue on every recipient
     */
    public static OutgoingText broadcast(String text) {
        return new OutgoingText(text, true);
    }

    String text() {
        return text;
    }

    /** @return its UTF-8 length, as outbound queues count it */
    public int bytes() {
        return bytes;
    }

    /** @return the size of its frame, header and payload (making the frame if need be) */
    int frameBytes() {
        return shared().remaining();
    }

    /** A view of the frame of its own, for one write; the frame is made once (two racing threads may both make it). */
    ByteBuffer frame() {
        return shared().duplicate();
    }

    private ByteBuffer shared() {
        ByteBuffer made = frame;
        if (made == null) {
            made = textFrame(text.getBytes(StandardCharsets.UTF_8), direct);
            frame = made;
        }
        return made;
    }

    /** A server's unmasked, unfragmented text frame (RFC 6455, section 5.2). */
    static ByteBuffer textFrame(byte[] payload, boolean direct) {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        ByteBuffer frame = direct ? ByteBuffer.allocateDirect(header + length) : ByteBuffer.allocate(header + length);
        frame.put((byte) 0x81); // FIN, text
        if (length < 126) {
            frame.put((byte) length);
        } else if (length < 65_536) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        frame.put(payload).flip();
        return frame.asReadOnlyBuffer();
    }
}
