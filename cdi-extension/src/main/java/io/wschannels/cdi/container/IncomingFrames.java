package io.wschannels.cdi.container;

import java.nio.ByteBuffer;

/**
 * Follows the frames a client sends (RFC 6455 section 5.2) as their bytes pass by, reading only
 * their headers, and finds the first frame that makes a message larger than the limit: from its
 * header, before its payload has arrived. Payload bytes are counted as they are sent (a compressed
 * frame counts its compressed size). Control frames, which may come between the frames of a
 * fragmented message, count for nothing. Not thread-safe: one per connection, fed in read order.
 */
final class IncomingFrames {

    private final long maxMessageBytes;

    /** The header being read: at most 2 + 8 bytes of length + 4 of mask. */
    private final byte[] header = new byte[14];

    private int headerRead;
    private long payloadLeft;
    private long messageBytes;
    private boolean oversized;
    private boolean closeBegun;
    private int foundHeaderEnd;

    IncomingFrames(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Reads past the bytes between the buffer's position and limit, leaving the buffer as it is.
     *
     * @return {@code -1} while every message is within the limit; otherwise how many of these bytes
     *     come before the header of the frame that goes over it (0 when that header began in an
     *     earlier buffer), and from then on every call returns 0
     */
    int inspect(ByteBuffer bytes) {
        return oversized ? 0 : walk(bytes, false);
    }

    /** @return the index in the last buffer inspected just past the header of the frame found there */
    int foundHeaderEnd() {
        return foundHeaderEnd;
    }

    /**
     * After the frame that went over the limit: follows the frames that still come (the rest of
     * that frame's payload first), leaving the buffer as it is.
     *
     * @return whether the client's close frame has begun among these bytes or before
     */
    boolean closeBegun(ByteBuffer bytes) {
        if (!closeBegun) {
            closeBegun = walk(bytes, true) >= 0;
        }
        return closeBegun;
    }

    /** @return where the frame sought begins (an oversized one, or a close), else -1 */
    private int walk(ByteBuffer bytes, boolean seekingClose) {
        int start = bytes.position();
        int end = bytes.limit();
        int at = start;
        while (at < end) {
            if (payloadLeft > 0) {
                long skipped = Math.min(payloadLeft, end - at);
                payloadLeft -= skipped;
                at += (int) skipped;
                continue;
            }
            int headerStart = at - headerRead;
            header[headerRead++] = bytes.get(at++);
            int needed = headerLength();
            if (needed < 0 || headerRead < needed) {
                continue;
            }
            headerRead = 0;
            if (seekingClose ? (header[0] & 0x0F) == 0x8 : framed()) {
                oversized = true;
                foundHeaderEnd = at;
                return Math.max(0, headerStart - start);
            }
            if (seekingClose) {
                payloadLeft = Math.max(0, payloadLength());
            }
        }
        return -1;
    }

    /** @return the whole header's length once its first two bytes are known (and -1 before) */
    private int headerLength() {
        if (headerRead < 2) {
            return -1;
        }
        int length = header[1] & 0x7F;
        int mask = (header[1] & 0x80) != 0 ? 4 : 0;
        return 2 + mask + (length == 126 ? 2 : length == 127 ? 8 : 0);
    }

    /** @return the payload length of the complete header, or -1 when its most significant bit is set */
    private long payloadLength() {
        long length = header[1] & 0x7F;
        if (length == 126) {
            return ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
        }
        if (length == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xFFL);
            }
        }
        return length;
    }

    /** Takes in a complete header. @return {@code true} when its frame takes the message over the limit */
    private boolean framed() {
        int opcode = header[0] & 0x0F;
        boolean fin = (header[0] & 0x80) != 0;
        long length = payloadLength();
        if (length < 0) {
            return true; // the most significant bit must be 0: no message is that long
        }
        payloadLeft = length;
        if (opcode >= 0x8) {
            return false; // control frames: at most 125 bytes, checked by the container
        }
        messageBytes = opcode == 0x0 ? messageBytes + length : length;
        if (messageBytes > maxMessageBytes) {
            return true;
        }
        if (fin) {
            messageBytes = 0;
        }
        return false;
    }
}
