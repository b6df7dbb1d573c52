package io.wschannels.benchmarks.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScanTest {

    private static ByteBuf json(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void readsMembersInAnyOrderWithOrWithoutWhiteSpace() {
        ByteBuf compact = json("{\"payload\":{\"seq\":\"17\",\"sendTime\":\"123456789\"},\"type\":\"broadcast\"}");
        assertEquals("broadcast", Scan.string(compact, "type"));
        assertEquals(17, Scan.number(compact, "seq"));
        assertEquals(123456789L, Scan.number(compact, "sendTime"));

        ByteBuf spaced = json(
                "{ \"type\" : \"broadcastResult\", \"payload\" : { \"seq\" : \"3\" }," + " \"listenerCount\" : 5000 }");
        assertEquals("broadcastResult", Scan.string(spaced, "type"));
        assertEquals(5000, Scan.number(spaced, "listenerCount"), "a bare number");
        assertEquals(3, Scan.number(spaced, "seq"), "a number written as a string");
    }

    @Test
    void aMissingMemberIsNoneAndANameInsideAValueIsNotAMember() {
        ByteBuf message = json("{\"type\":\"echo\",\"payload\":{\"note\":\"seq\"}}");
        assertEquals(-1, Scan.number(message, "seq"));
        assertNull(Scan.string(message, "kind"));
        assertEquals(-1, Scan.number(json("{\"seq\":\"x\"}"), "seq"), "not digits");
        assertNull(Scan.string(json("{\"type\":"), "type"), "cut short");
    }

    @Test
    void readsWithinTheReadableBytesOfASlice() {
        ByteBuf frame = json("xx{\"type\":\"echo\"}yy").slice(2, 15);
        assertEquals("echo", Scan.string(frame, "type"));
    }
}
