package io.wschannels.cdi.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The frame a broadcast shares among its recipients, at each boundary of RFC 6455's length encoding. */
class OutgoingTextTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 1 << 20})
    void aTextFrameIsFinalUnmaskedAndCarriesItsLengthInTheSmallestEncoding(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer frame = OutgoingText.textFrame(payload, direct);
            assertEquals(direct, frame.isDirect());
            assertFrame(payload, frame);
        }
    }

    private static void assertFrame(byte[] payload, ByteBuffer frame) {
        int length = payload.length;

        assertEquals(0x81, frame.get() & 0xff, "FIN and opcode 1 (text), no RSV bits");
        int second = frame.get() & 0xff;
        assertEquals(0, second & 0x80, "a server's frames are not masked");
        long declared;
        if (length < 126) {
            declared = second;
        } else if (length < 65_536) {
            assertEquals(126, second);
            declared = frame.getShort() & 0xffff;
        } else {
            assertEquals(127, second);
            declared = frame.getLong();
        }
        assertEquals(length, declared);
        assertEquals(length, frame.remaining(), "the payload follows the header and nothing else");
        byte[] rest = new byte[frame.remaining()];
        frame.get(rest);
        assertArrayEquals(payload, rest);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theFrameIsMadeOnceAndEachWriteGetsAPositionOfItsOwn(boolean broadcast) {
        String text = "{\"event\":\"caf\u00e9 \uD83D\uDE00\"}";
        OutgoingText outgoing = broadcast ? OutgoingText.broadcast(text) : new OutgoingText(text);
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, outgoing.bytes());

        ByteBuffer first = outgoing.frame();
        first.position(first.limit()); // one recipient's write consumed it
        ByteBuffer second = outgoing.frame();
        assertNotSame(first, second);
        assertEquals(2 + outgoing.bytes(), second.remaining());
        assertTrue(second.isReadOnly(), "no recipient can change what the others send");
        assertEquals(broadcast, second.isDirect(), "a broadcast's frame is written without a copy");
        second.position(2);
        assertEquals(text, StandardCharsets.UTF_8.decode(second).toString());
    }
}
