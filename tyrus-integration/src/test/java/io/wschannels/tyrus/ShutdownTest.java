package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.TestClient;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    @Test
    void closingTheServerClosesEveryConnectionWith1001AndRunsTheirCloseCallbacks() throws Exception {
        ChannelServer server = ChannelServer.builder().port(0).start();
        TestClient first = TestClient.connect(server.webSocketUri("/probe/lobby/a"));
        TestClient second = TestClient.connect(server.webSocketUri("/probe/lobby/b"));
        String one = first.awaitJson("hello").getString("id");
        String two = second.awaitJson("hello").getString("id");
        assertEquals(2, server.openConnections());

        server.close();

        first.awaitClose(1001, "Server shutting down");
        second.awaitClose(1001, "Server shutting down");
        Lifecycle.await("close:" + one + ":1001:Server shutting down");
        Lifecycle.await("destroyed:" + one);
        Lifecycle.await("close:" + two + ":1001:Server shutting down");
        Lifecycle.await("destroyed:" + two);
        assertEquals(0, server.openConnections());
        server.close(); // a second close is harmless
    }

    @Test
    void plainServerEndpointsAreServedBesideChannels() throws Exception {
        try (ChannelServer server = ChannelServer.builder().port(0).endpoints(PlainEndpoint.class).start();
             TestClient plain = TestClient.connect(server.webSocketUri("/plain"));
             TestClient channel = TestClient.connect(server.webSocketUri("/probe/lobby/ann"))) {
            plain.send("hi");
            assertEquals("plain:hi", plain.awaitText());
            channel.awaitJson("hello");
        }
        IllegalArgumentException notAnEndpoint = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ChannelServer.builder().endpoints(ProbeChannel.class));
        assertEquals("io.wschannels.tyrus.ProbeChannel is not annotated with @ServerEndpoint; channels are discovered by"
                + " themselves and need no registration", notAnEndpoint.getMessage());
    }

    @Test
    void aClientThatNeverAnswersTheCloseIsEndedAfterTheGraceAndItsInstanceDestroyed() throws Exception {
        ChannelServer server = ChannelServer.builder().port(0).shutdownGrace(Duration.ofMillis(500)).start();
        try (Socket silent = new Socket("localhost", server.port())) {
            silent.getOutputStream().write(("GET /probe/lobby/silent HTTP/1.1\r\nHost: localhost:" + server.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(silent.getInputStream());
            String response = readHeaders(in);
            assertTrue(response.startsWith("HTTP/1.1 101"), response);
            String hello = readTextFrame(in);
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(hello);
            assertTrue(id.find(), hello);

            server.close(); // the raw client reads nothing more and never sends a close frame

            Lifecycle.awaitMatching(e -> e.startsWith("close:" + id.group(1) + ":1001:"));
            Lifecycle.await("destroyed:" + id.group(1));
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void aClientArrivingWhileTheServerStopsIsRefusedWith1001BeforeAnyChannelIsCreated() throws Exception {
        ChannelServer server = ChannelServer.builder().port(0).shutdownGrace(Duration.ofSeconds(10)).start();
        Lifecycle.closeGate = new java.util.concurrent.CountDownLatch(1);
        Thread stopping = new Thread(server::close, "stopping");
        try {
            // A channel whose onClose takes its time keeps close() waiting, with the server still up.
            TestClient slowToClose = TestClient.connect(server.webSocketUri("/probe/lobby/slow?onclose=wait"));
            String id = slowToClose.awaitJson("hello").getString("id");
            stopping.start();
            Lifecycle.await("closing:" + id);
            try (TestClient late = TestClient.connect(server.webSocketUri("/probe/lobby/late"))) {
                late.awaitClose(1001, "Server shutting down");
            }
            slowToClose.close();
        } finally {
            Lifecycle.closeGate.countDown();
            stopping.join(30_000);
        }
        assertEquals(0, server.openConnections());
    }

    private static String readHeaders(InputStream in) throws Exception {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headers.append((char) b);
        }
        return headers.toString();
    }

    /** One unmasked server-to-client text frame (RFC 6455 section 5.2). */
    private static String readTextFrame(DataInputStream in) throws Exception {
        int opcode = in.readUnsignedByte() & 0x0F;
        assertEquals(1, opcode);
        int length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        }
        byte[] payload = in.readNBytes(length);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
