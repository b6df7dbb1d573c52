package io.wschannels.cdi.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class IncomingFramesTest {

    /** A masked client frame with a zero mask and {@code length} payload bytes, its length in the fewest bytes. */
    private static byte[] frame(int opcode, boolean fin, long length, int payloadBytesIncluded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        if (length <= 125) {
            out.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            out.write(0x80 | 126);
            out.write((int) (length >>> 8) & 0xFF);
            out.write((int) length & 0xFF);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift) & 0xFF);
            }
        }
        out.writeBytes(new byte[4]);
        out.writeBytes(new byte[payloadBytesIncluded]);
        return out.toByteArray();
    }

    private static byte[] frame(int opcode, boolean fin, int length) {
        return frame(opcode, fin, length, length);
    }

    private static ByteBuffer concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    @Test
    void messagesUpToTheLimitPassAndTheBufferIsLeftAsItWas() {
        IncomingFrames frames = new IncomingFrames(1024);
        ByteBuffer bytes = concat(frame(0x1, true, 1024), frame(0x2, true, 10), frame(0x1, true, 0));
        int position = bytes.position();
        assertEquals(-1, frames.inspect(bytes));
        assertEquals(position, bytes.position());
    }

    @Test
    void aFrameOneByteOverIsFoundAtItsHeaderAfterTheFramesBeforeIt() {
        IncomingFrames frames = new IncomingFrames(1024);
        byte[] first = frame(0x1, true, 100);
        assertEquals(first.length, frames.inspect(concat(first, frame(0x1, true, 1025, 0))));
        assertEquals(0, frames.inspect(ByteBuffer.wrap(new byte[10])), "and nothing after it counts");
    }

    @Test
    void aHugeLengthIsFoundFromTheHeaderAloneEvenWhenItArrivesByteByByte() {
        IncomingFrames frames = new IncomingFrames(64 * 1024);
        byte[] header = frame(0x1, true, 64L * 1024 * 1024, 0);
        for (int i = 0; i < header.length - 1; i++) {
            assertEquals(-1, frames.inspect(ByteBuffer.wrap(header, i, 1)), "header byte " + i);
        }
        assertEquals(0, frames.inspect(ByteBuffer.wrap(header, header.length - 1, 1)));
    }

    @Test
    void aLengthWithItsMostSignificantBitSetIsRefused() {
        byte[] header = frame(0x2, true, 0, 0);
        byte[] bad = new byte[14];
        bad[0] = header[0];
        bad[1] = (byte) (0x80 | 127);
        bad[2] = (byte) 0x80;
        assertEquals(0, new IncomingFrames(Long.MAX_VALUE).inspect(ByteBuffer.wrap(bad)));
    }

    @Test
    void fragmentsCountTogetherAndControlFramesBetweenThemCountForNothing() {
        IncomingFrames frames = new IncomingFrames(1024);
        assertEquals(
                -1,
                frames.inspect(concat(
                        frame(0x1, false, 512), frame(0x9, true, 125), frame(0x0, false, 500), frame(0x0, true, 12))));
        byte[] start = frame(0x2, false, 1000);
        byte[] ping = frame(0xA, true, 4);
        byte[] next = frame(0x0, false, 24);
        assertEquals(
                start.length + ping.length + next.length,
                frames.inspect(concat(start, ping, next, frame(0x0, true, 1, 0))));
    }

    @Test
    void payloadSplitAcrossBuffersIsSkippedAndTheNextHeaderFound() {
        IncomingFrames frames = new IncomingFrames(1024);
        byte[] whole = frame(0x1, true, 1000);
        assertEquals(-1, frames.inspect(ByteBuffer.wrap(whole, 0, 300)));
        ByteBuffer rest = concat(java.util.Arrays.copyOfRange(whole, 300, whole.length), frame(0x1, true, 2000, 0));
        assertEquals(whole.length - 300, frames.inspect(rest));
    }

    @Test
    void bytesBeforeThePositionAreNotLookedAt() {
        IncomingFrames frames = new IncomingFrames(10);
        ByteBuffer bytes = concat(frame(0x1, true, 100), frame(0x1, true, 5));
        bytes.position(frame(0x1, true, 100).length);
        assertEquals(-1, frames.inspect(bytes));
    }

    @Test
    void afterTheOversizedFrameItsPayloadIsSkippedAndTheClientsCloseFound() {
        IncomingFrames frames = new IncomingFrames(1024);
        byte[] huge = frame(0x1, true, 5000);
        ByteBuffer bytes = concat(java.util.Arrays.copyOfRange(huge, 0, 3000));
        assertEquals(0, frames.inspect(bytes));
        ByteBuffer after = bytes.duplicate();
        after.position(frames.foundHeaderEnd());
        assertEquals(false, frames.closeBegun(after), "the payload so far");
        // The rest of the payload holds the bytes of a close frame's header: still payload.
        byte[] rest = java.util.Arrays.copyOfRange(huge, 3000, huge.length);
        rest[rest.length - 6] = (byte) 0x88;
        assertEquals(false, frames.closeBegun(ByteBuffer.wrap(rest)));
        assertEquals(false, frames.closeBegun(ByteBuffer.wrap(frame(0x1, true, 10))), "a text frame");
        assertEquals(true, frames.closeBegun(ByteBuffer.wrap(frame(0x8, true, 2))));
        assertEquals(true, frames.closeBegun(ByteBuffer.wrap(new byte[1])), "and from then on");
    }
}
