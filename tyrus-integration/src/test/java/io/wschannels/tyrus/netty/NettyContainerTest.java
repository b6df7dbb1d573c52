package io.wschannels.tyrus.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.RawClient;
import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import io.wschannels.tyrus.SmallMessagesChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only the Netty container does (the whole suite runs on both containers besides): limits
 * enforced from a frame's header, before its payload is read, and HTTP answers before the upgrade.
 */
class NettyContainerTest {

    private static ChannelServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ChannelServer.builder()
                .container(ChannelServer.Container.NETTY)
                .port(0)
                .beanClasses(SmallMessagesChannel.class)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFrameAnnouncingMoreThanTheLimitIsRefusedFromItsHeaderWithoutWaitingForItsPayload() throws Exception {
        try (RawClient raw = RawClient.connect(server.port(), "/small")) {
            // A final, masked text frame announcing 64 MiB (RFC 6455 64-bit length), then nothing:
            // the server must answer from the header, not wait for (or buffer) the payload.
            long announced = 64L * 1024 * 1024;
            byte[] header = new byte[14];
            header[0] = (byte) 0x81;
            header[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) (announced >>> (56 - 8 * i));
            }
            raw.write(header);
            assertEquals(1009, raw.readCloseCode());
        }
        try (TestClient after = TestClient.connect(server.webSocketUri("/small"))) {
            after.send("still serving");
            assertEquals("text 13", after.awaitText());
        }
    }

    @Test
    void aFragmentedMessageOverTheLimitIsRefusedWith1009AndOneJustUnderIsDelivered() throws Exception {
        try (RawClient raw = RawClient.connect(server.port(), "/small")) {
            // 1,024 bytes (the limit) in two fragments: delivered whole.
            raw.write(RawClient.maskedFrame(0x01, false, 512));
            raw.write(RawClient.maskedFrame(0x00, true, 512));
            assertEquals("text 1024", raw.readText());
            // 1,025 bytes in two fragments: refused.
            raw.write(RawClient.maskedFrame(0x01, false, 512));
            raw.write(RawClient.maskedFrame(0x00, true, 513));
            assertEquals(1009, raw.readCloseCode());
        }
    }

    @Test
    void plainHttpRequestsAreAnsweredWithoutUpgrading() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> script = http.send(
                HttpRequest.newBuilder(server.uri().resolve("/wschannels/channels.js"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("content-type").orElse("").startsWith("text/javascript"));
        HttpResponse<String> outside = http.send(
                HttpRequest.newBuilder(URI.create(server.uri() + "wschannels/../../etc/passwd"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, outside.statusCode());
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(server.uri().resolve("/wschannels/channels.js"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }
}
