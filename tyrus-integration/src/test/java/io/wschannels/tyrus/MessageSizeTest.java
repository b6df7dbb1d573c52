package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.RawClient;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import io.wschannels.testing.WarningLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The message size limit, just under and just over, for text and binary, default and configured. */
class MessageSizeTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.discovering();

    private static TestClient small() {
        return TestClient.connect(server.webSocketUri("/small"));
    }

    @Test
    void aTextMessageOfExactlyTheLimitIsDeliveredAndOneByteMoreClosesWith1009() {
        try (TestClient bystander = small();
                TestClient client = small()) {
            client.send("a".repeat(1024));
            assertEquals("text 1024", client.awaitText());
            client.send("a".repeat(1025));
            client.awaitClose(1009, "Message too big: the limit is 1024 bytes");
            bystander.send("still fine");
            assertEquals("text 10", bystander.awaitText());
        }
    }

    @Test
    void aFrameFarOverTheLimitIsRefusedWith1009FromItsHeaderWithoutAWarning() throws Exception {
        try (WarningLog warnings = WarningLog.capture();
                TestClient bystander = small();
                RawClient raw = RawClient.connect(server.port(), "/small")) {
            // Tyrus alone would buffer 4 MiB of it, then answer 1011 with a stack trace at WARNING.
            RawClient.Refusal refusal = raw.streamTextFrameUntilRefused(64L * 1024 * 1024);
            assertEquals(1009, refusal.closeCode());
            assertTrue(refusal.bytesWritten() < 1024 * 1024, refusal + " (bytes written before the close arrived)");
            bystander.send("still fine");
            assertEquals("text 10", bystander.awaitText());
            assertEquals(List.of(), warnings.records());
        }
    }

    @Test
    void afterA1009TheSocketStaysOpenUntilTheClientAnswersTheClose() throws Exception {
        try (RawClient raw = RawClient.connect(server.port(), "/small")) {
            raw.write(RawClient.maskedFrame(0x01, true, 100 * 1024));
            assertEquals(1009, raw.readCloseCode());
            // The client may still be sending: its writes are read and dropped, not reset.
            raw.write(RawClient.maskedFrame(0x01, true, 10));
            assertFalse(raw.serverClosesWithin(Duration.ofMillis(300)), "closed before the client's close");
            raw.writeClose(1009);
            assertTrue(raw.serverClosesWithin(Duration.ofSeconds(5)), "not closed after the client's close");
        }
    }

    @Test
    void afterA1009AClientThatNeverAnswersIsClosedTwoSecondsLater() throws Exception {
        try (RawClient raw = RawClient.connect(server.port(), "/small")) {
            raw.write(RawClient.maskedFrame(0x01, true, 2048));
            assertEquals(1009, raw.readCloseCode());
            long started = System.nanoTime();
            assertTrue(raw.serverClosesWithin(Duration.ofSeconds(10)), "still open after 10 s");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waited > 1_500, "closed after " + waited + " ms, before the 2 s given to answer");
        }
    }

    @Test
    void aSingleFrameJustOverTheLimitIsRefusedAndOneAtTheLimitDelivered() throws Exception {
        try (RawClient raw = RawClient.connect(server.port(), "/small")) {
            raw.write(RawClient.maskedFrame(0x01, true, 1024));
            assertEquals("text 1024", raw.readText());
            raw.write(RawClient.maskedFrame(0x01, true, 1025));
            assertEquals(1009, raw.readCloseCode());
        }
    }

    @Test
    void aFragmentedMessageIsLimitedAsAWholeAndControlFramesBetweenCountForNothing() throws Exception {
        try (RawClient raw = RawClient.connect(server.port(), "/small")) {
            raw.write(RawClient.maskedFrame(0x01, false, 512));
            raw.write(RawClient.maskedFrame(0x09, true, 100)); // a ping between the fragments
            raw.write(RawClient.maskedFrame(0x00, true, 512));
            assertEquals(10, raw.readOpcode()); // the pong
            assertEquals("text 1024", raw.readText());
            raw.write(RawClient.maskedFrame(0x01, false, 1000));
            raw.write(RawClient.maskedFrame(0x00, false, 24));
            raw.write(RawClient.maskedFrame(0x00, true, 1));
            assertEquals(1009, raw.readCloseCode());
        }
    }

    @Test
    void aChannelWhoseLimitIsOverTyrusOwnBufferTakesASingleFrameUpToIt() throws Exception {
        int most = 6 * 1024 * 1024;
        try (RawClient raw = RawClient.connect(server.port(), "/large")) {
            raw.write(RawClient.maskedFrame(0x01, true, most));
            assertEquals("text " + most, raw.readText());
            raw.write(RawClient.maskedFrame(0x01, true, most + 1));
            assertEquals(1009, raw.readCloseCode());
        }
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() {
        try (TestClient client = small()) {
            client.send("é".repeat(512)); // 1,024 bytes
            assertEquals("text 512", client.awaitText());
            client.send("é".repeat(513)); // 1,026 bytes
            assertEquals(1009, client.awaitClose().code());
        }
    }

    @Test
    void aBinaryMessageOfExactlyTheLimitIsDeliveredAndOneByteMoreClosesWith1009() {
        try (TestClient client = small()) {
            client.sendBinary(new byte[1024]);
            assertEquals("binary 1024", client.awaitText());
            client.sendBinary(new byte[1025]);
            assertEquals(1009, client.awaitClose().code());
        }
    }

    @Test
    void withoutLimitsAChannelAcceptsUpTo64KiB() {
        try (TestClient client = TestClient.connect(server.webSocketUri("/probe/size/ann"))) {
            client.awaitJson("hello");
            String exactly = "b".repeat(64 * 1024 - "echo:".length());
            client.send(exactly);
            assertEquals("echo:" + exactly, client.awaitText());
            client.send("b".repeat(64 * 1024));
            assertEquals("echo:" + "b".repeat(64 * 1024), client.awaitText());
            client.send("b".repeat(64 * 1024 + 1));
            assertEquals(1009, client.awaitClose().code());
        }
    }
}
