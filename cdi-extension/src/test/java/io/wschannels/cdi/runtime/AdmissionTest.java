package io.wschannels.cdi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Route;
import io.wschannels.cdi.FakePeer;
import io.wschannels.cdi.ManualScheduler;
import io.wschannels.cdi.connection.LiveConnection;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The size, rate and liveness checks every message passes, just under and just over each limit. */
class AdmissionTest {

    @Route("/limited")
    @Limits(maxMessageBytes = 10, messagesPerSecond = 2, messageBurst = 2)
    public static class Limited extends Channel {}

    @Route("/defaults")
    public static class Defaults extends Channel {}

    private final FakePeer peer = new FakePeer().readingAtOnce();
    private final ManualScheduler time = new ManualScheduler();
    private LiveConnection connection;
    private Admission admission;

    @BeforeEach
    void open() {
        connection = new RuntimeFixture(Limited.class).connection(peer);
        connection.markOpen();
        admission = new Admission(connection, time.clock());
    }

    @Test
    void aTextAtTheLimitIsForTheChannelAndOneByteMoreClosesWith1009() {
        assertTrue(admission.text("0123456789"));
        time.advance(1, TimeUnit.SECONDS);
        assertFalse(admission.text("0123456789a"));
        assertEquals(1009, peer.closes.get(0).getCloseCode().getCode());
        assertEquals(
                "Message too big: the limit is 10 bytes", peer.closes.get(0).getReasonPhrase());
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() {
        assertTrue(admission.text("ééééé"), "10 bytes");
        time.advance(1, TimeUnit.SECONDS);
        assertFalse(admission.text("éééééa"), "11 bytes in 6 characters");
        assertEquals(1009, peer.closes.get(0).getCloseCode().getCode());
    }

    @Test
    void aBinaryMessageAtTheLimitIsForTheChannelAndOneByteMoreClosesWith1009() {
        assertTrue(admission.binary(ByteBuffer.allocate(10)));
        time.advance(1, TimeUnit.SECONDS);
        assertFalse(admission.binary(ByteBuffer.allocate(11)));
        assertEquals(1009, peer.closes.get(0).getCloseCode().getCode());
    }

    @Test
    void overTheRateAMessageIsRefusedAndABurstOfRefusalsInARowCloses() {
        assertTrue(admission.text("1"));
        assertTrue(admission.text("2"), "the burst");
        assertFalse(admission.text("3"));
        assertTrue(
                peer.written
                        .get(0)
                        .startsWith("{\"type\":\"error\",\"message\":\"Rate limit exceeded\","
                                + "\"code\":\"rate_limited\""),
                peer.written.toString());
        assertTrue(peer.closes.isEmpty(), "one refusal does not close");
        time.advance(500, TimeUnit.MILLISECONDS);
        assertTrue(admission.text("4"), "half a second later one more token is there");
        assertFalse(admission.text("5"));
        assertFalse(admission.text("6"));
        assertEquals(1008, peer.closes.get(0).getCloseCode().getCode());
        assertEquals("Rate limit exceeded", peer.closes.get(0).getReasonPhrase());
    }

    @Test
    void theBrowsersHeartbeatIsAnsweredInKindAndNotDelivered() {
        FakePeer browser = new FakePeer().readingAtOnce();
        LiveConnection page = new RuntimeFixture(Defaults.class).connection(browser);
        page.markOpen();
        assertFalse(new Admission(page, time.clock()).text(Admission.HEARTBEAT_MESSAGE));
        assertEquals(List.of(Admission.HEARTBEAT_MESSAGE), browser.written);
    }

    @Test
    void aPongShowsThePeerIsAliveButIsNoMessageForTheIdleTimeout() {
        long opened = time.clock().getAsLong();
        time.advance(3, TimeUnit.SECONDS);
        assertTrue(admission.pong());
        assertEquals(opened + TimeUnit.SECONDS.toNanos(3), admission.lastSeen());
        assertEquals(opened, admission.lastMessage());
        time.advance(1, TimeUnit.SECONDS);
        admission.text("hi");
        assertEquals(admission.lastSeen(), admission.lastMessage());
    }

    @Test
    void nothingIsForTheChannelOnceTheConnectionIsClosing() {
        connection.close();
        assertFalse(admission.text("late"));
        assertFalse(admission.binary(ByteBuffer.allocate(1)));
        assertFalse(admission.pong());
    }
}
