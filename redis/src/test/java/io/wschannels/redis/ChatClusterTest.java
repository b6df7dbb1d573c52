package io.wschannels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.examples.chat.ChatChannel;
import io.wschannels.testing.TestClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat example on two servers sharing Redis: one room, counts and messages across both. */
class ChatClusterTest {

    @RegisterExtension
    static final RunningCluster cluster = RunningCluster.of(2, ChatChannel.class);

    /**
     * Waits until what the client's {@code onConnect} broadcast has been delivered on the second
     * server. A broadcast reaches whoever is in its audience on each server when it arrives there,
     * so a Bob joining on the second server while Ann's {@code user_joined} is still on its way
     * through Redis would be told that Ann joined, with her count.
     */
    private static void awaitOnSecondServer(TestClient client) {
        client.send("{\"type\":\"ping\"}");
        client.awaitJson("pong"); // callbacks run one at a time: its onConnect, broadcast included, is done
        try (TestClient watcher = TestClient.connect(cluster.node(1).webSocketUri("/chat/barrier?name=watcher"))) {
            watcher.awaitJson("system");
            watcher.send("{\"type\":\"ping\"}");
            watcher.awaitJson("pong"); // in its room now
            // Published after the client's broadcast on the same Redis connection, so delivered after it.
            cluster.node(0).registry(ChatChannel.class).room("barrier").broadcast("barrier");
            assertEquals("barrier", watcher.awaitText());
        }
    }

    @Test
    void usersOnDifferentServersShareTheRoomAndItsCounts() {
        try (TestClient ann = TestClient.connect(cluster.node(0).webSocketUri("/chat/cluster?name=ann"))) {
            assertEquals(1, ann.awaitJson("system").getInt("count"));
            awaitOnSecondServer(ann);
            try (TestClient bob = TestClient.connect(cluster.node(1).webSocketUri("/chat/cluster?name=bob"))) {
                assertEquals(2, bob.awaitJson("system").getInt("count"), "the welcome counts the other server's ann");
                assertEquals(2, ann.awaitJson("user_joined").getInt("count"));
                bob.send("{\"type\":\"chat_message\",\"message\":\"across servers\"}");
                JsonObject message = ann.awaitJson("chat_message");
                assertEquals("across servers", message.getString("message"));
                assertEquals("bob", message.getString("user_id"));
                bob.awaitJson("chat_message");
            }
            assertEquals(1, ann.awaitJson("user_left").getInt("count"));
        }
    }
}
