package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testing.Eventually;
import io.wschannels.testing.RawClient;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection limits and malformed frames, with real clients. */
class ProtocolLimitsTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.discovering();

    @Test
    void aChannelAtItsConnectionLimitRefusesTheNextWith1013AndAdmitsAgainWhenOneLeaves() throws Exception {
        List<TestClient> inside = new ArrayList<>();
        try (LogRecorder log = new LogRecorder("io.wschannels.cdi")) {
            for (int i = 0; i < 3; i++) { // exactly the limit
                TestClient client = TestClient.connect(server.webSocketUri("/full"));
                assertEquals("in", client.awaitText());
                inside.add(client);
            }
            try (TestClient oneTooMany = TestClient.connect(server.webSocketUri("/full"))) {
                oneTooMany.awaitClose(1013, "Too many connections: this channel serves at most 3");
            }
            assertEquals(
                    "FullChannel (/full) refused a connection: it already serves 3 connections, its limit. Raise it"
                            + " with @Limits(maxConnections = ...) on io.wschannels.tyrus.FullChannel if the server"
                            + " can take more.",
                    log.await(r -> r.getMessage() != null && r.getMessage().contains("refused"))
                            .getMessage());
            try (TestClient probe = TestClient.connect(server.webSocketUri("/probe/other/ann"))) {
                probe.awaitJson("hello"); // other channels are unaffected
            }
            inside.remove(0).close();
            Eventually.await(
                    "a place is free",
                    () -> server.registry(FullChannel.class).connections().size() == 2);
            Eventually.await("the freed place is released", () -> {
                try (TestClient again = TestClient.connect(server.webSocketUri("/full"))) {
                    TestClient.Event first = again.awaitEvent();
                    return first instanceof TestClient.Text text && text.text().equals("in");
                }
            });
        } finally {
            inside.forEach(TestClient::close);
        }
    }

    @Test
    void aUserAtTheirConnectionLimitIsRefusedWith1013AndOtherUsersAreNot() {
        List<TestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) { // exactly the limit
                TestClient tab = TestClient.connect(server.webSocketUri("/capped?user=ann"));
                assertEquals("in", tab.awaitText());
                open.add(tab);
            }
            try (TestClient third = TestClient.connect(server.webSocketUri("/capped?user=ann"))) {
                third.awaitClose(
                        1013,
                        "{\"type\":\"error\",\"message\":\"Too many connections for this user: at most 2\","
                                + "\"code\":\"too_many_connections\"}");
            }
            try (TestClient later = TestClient.connect(server.webSocketUri("/capped"))) {
                assertEquals("in", later.awaitText());
                later.send("identify ann");
                // Identified after onConnect, over the cap: the caller is told, the connection stays.
                JsonObject error = later.awaitError("Too many connections for this user: at most 2");
                assertEquals("too_many_connections", error.getString("code"));
                later.send("still here");
                assertEquals("echo still here", later.awaitText());
                assertEquals(
                        2,
                        server.registry(UserCappedChannel.class)
                                .connectionsOf("ann")
                                .size());
            }
            TestClient bob = TestClient.connect(server.webSocketUri("/capped?user=bob"));
            assertEquals("in", bob.awaitText());
            open.add(bob);
            assertEquals(
                    2,
                    server.registry(UserCappedChannel.class)
                            .connectionsOf("ann")
                            .size());
            open.remove(0).close();
            Eventually.await(
                    "ann has a free place",
                    () -> server.registry(UserCappedChannel.class)
                                    .connectionsOf("ann")
                                    .size()
                            == 1);
            TestClient again = TestClient.connect(server.webSocketUri("/capped?user=ann"));
            assertEquals("in", again.awaitText());
            open.add(again);
        } finally {
            open.forEach(TestClient::close);
        }
    }

    @Test
    void aBurstIsDeliveredTheNextMessageIsRefusedAndSustainedAbuseIsClosedWith1008() {
        try (TestClient bystander = TestClient.connect(server.webSocketUri("/limited"));
                TestClient client = TestClient.connect(server.webSocketUri("/limited"))) {
            for (int i = 0; i < 5; i++) { // exactly the burst
                client.send("m" + i);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals("echo:m" + i, client.awaitText());
            }
            for (int i = 5; i < 10; i++) { // five refusals in a row: the fifth closes
                client.send("m" + i);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(
                        "rate_limited", client.awaitError("Rate limit exceeded").getString("code"));
            }
            client.awaitClose(1008, "Rate limit exceeded");
            bystander.send("unaffected");
            assertEquals("echo:unaffected", bystander.awaitText());
        }
    }

    @Test
    void invalidUtf8InATextFrameClosesWith1007AndTheServerKeepsServing() throws Exception {
        try (RawClient raw = RawClient.connect(server.port(), "/probe/utf/raw")) {
            raw.readText(); // the channel's hello
            // A final, masked text frame whose payload C3 28 is not UTF-8 (RFC 6455 section 5.2).
            raw.write(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, (byte) 0xC3, 0x28});
            assertEquals(1007, raw.readCloseCode());
        }
        try (TestClient after = TestClient.connect(server.webSocketUri("/probe/utf/after"))) {
            after.awaitJson("hello");
        }
    }
}
