package io.wschannels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.Registry;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A flood of connections, a storm of abrupt disconnects, oversize messages, binary frames and
 * garbage, all at once, while one room keeps chatting: that room loses nothing, and nothing of the
 * storm is left behind.
 */
class ChatStormTest {

    private static final int STORM = 300;

    @Test
    void aRoomKeepsChattingThroughAFloodAndAStormAndNothingIsLeftBehind() throws Exception {
        try (ChannelServer server = ChannelServer.builder().port(0).start()) {
            List<TestClient> steady = new ArrayList<>();
            for (String name : List.of("ann", "bob", "cid")) {
                TestClient member = TestClient.connect(server.webSocketUri("/chat/steady?name=" + name));
                member.awaitJson("system");
                steady.add(member);
            }
            steady.get(0).awaitJson("user_joined");
            steady.get(0).awaitJson("user_joined");
            steady.get(1).awaitJson("user_joined");

            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> storm = new ArrayList<>();
            for (int worker = 0; worker < 6; worker++) {
                int first = worker * (STORM / 6);
                storm.add(pool.submit(() -> {
                    for (int n = first; n < first + STORM / 6; n++) {
                        storm(server, n);
                    }
                    return null;
                }));
            }
            // Meanwhile the steady room chats.
            for (int i = 0; i < 100; i++) {
                steady.get(i % 3).send("{\"type\":\"chat_message\",\"message\":\"m" + i + "\"}");
            }
            // Each sender's messages arrive in order; messages of different senders interleave.
            for (TestClient member : steady) {
                int[] next = {0, 1, 2};
                for (int received = 0; received < 100; received++) {
                    int i = Integer.parseInt(member.awaitJson("chat_message")
                            .getString("message")
                            .substring(1));
                    assertEquals(next[i % 3], i, "order of sender " + i % 3);
                    next[i % 3] += 3;
                }
            }
            for (Future<?> done : storm) {
                done.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();

            Registry<ChatChannel> chat = server.registry(ChatChannel.class);
            Eventually.await(
                    "only the steady room is left",
                    () -> chat.rooms().equals(java.util.Set.of("steady"))
                            && chat.connections().size() == 3
                            && server.openConnections() == 3,
                    () -> chat.rooms() + " " + chat.connections().size() + " " + server.openConnections());
            steady.forEach(TestClient::close);
        }
    }

    /** One storm client: joins the flood room, then misbehaves in one of four ways. */
    private static void storm(ChannelServer server, int n) {
        TestClient client = TestClient.connect(server.webSocketUri("/chat/flood?name=s" + n));
        assertEquals("system", client.awaitJson().getString("type"));
        switch (n % 4) {
            case 0 -> client.abort(); // gone without a close frame
            case 1 -> {
                client.sendWithoutWaiting("{\"type\":\"chat_message\",\"message\":\"" + "x".repeat(70_000) + "\"}");
                assertEquals(1009, closeAfterNotices(client).code());
            }
            case 2 -> {
                client.sendBinary(new byte[] {1, 2, 3});
                assertEquals(1003, closeAfterNotices(client).code());
            }
            default -> {
                client.send("garbage");
                assertEquals("Invalid JSON format", errorAfterNotices(client).getString("message"));
                client.close();
            }
        }
    }

    /** Skips the flood room's join and leave notices. */
    private static TestClient.Closed closeAfterNotices(TestClient client) {
        while (true) {
            TestClient.Event event = client.awaitEvent();
            if (event instanceof TestClient.Closed closed) {
                return closed;
            }
        }
    }

    private static JsonObject errorAfterNotices(TestClient client) {
        while (true) {
            JsonObject json = jakarta.json.Json.createReader(new StringReader(client.awaitText()))
                    .readObject();
            if (json.getString("type").equals("error")) {
                return json;
            }
        }
    }
}
