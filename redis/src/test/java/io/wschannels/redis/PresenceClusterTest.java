package io.wschannels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presence across nodes on a real Redis: two nodes in this JVM and one in a process of its own,
 * which the test kills with SIGKILL; its users leave everyone's view within the bound.
 */
class PresenceClusterTest {

    private static final int TTL_SECONDS = 2;

    @RegisterExtension
    static final RunningCluster cluster =
            RunningCluster.of(2, NodeChannel.class).presenceTtl(TTL_SECONDS);

    private static Registry<NodeChannel> registry(int node) {
        return cluster.node(node).registry(NodeChannel.class);
    }

    private static Presence<NodeChannel> presence(int node) {
        return cluster.node(node).presence(NodeChannel.class);
    }

    private static TestClient enter(URI node, String room, String user, String name) {
        TestClient client = TestClient.connect(URI.create(node + "node/" + room + "?user=" + user + "&track=" + name));
        client.awaitText(); // its id
        return client;
    }

    private static URI ws(ChannelServer server) {
        return server.webSocketUri("/");
    }

    @Test
    void everyNodeSeesTheSamePresenceAndADeadNodesUsersLeaveWithinTheBound() throws Exception {
        try (NodeProcess third = NodeProcess.start(cluster.redis().url(), TTL_SECONDS)) {
            TestClient ann = enter(ws(cluster.node(0)), "lounge", "ann", "Ann");
            assertEquals(
                    "{\"ann\":[{\"name\":\"Ann\"}]}",
                    ann.awaitJson("presence_diff").getJsonObject("joins").toString());
            TestClient bob = enter(ws(cluster.node(1)), "lounge", "bob", "Bob");
            assertEquals(
                    "{\"bob\":[{\"name\":\"Bob\"}]}",
                    ann.awaitJson("presence_diff").getJsonObject("joins").toString());
            bob.awaitJson("presence_diff"); // his own join
            TestClient cyd = enter(third.ws(), "lounge", "cyd", "Cyd");
            assertEquals(
                    "{\"cyd\":[{\"name\":\"Cyd\"}]}",
                    ann.awaitJson("presence_diff").getJsonObject("joins").toString());
            assertEquals(
                    "{\"cyd\":[{\"name\":\"Cyd\"}]}",
                    bob.awaitJson("presence_diff").getJsonObject("joins").toString());
            for (int node = 0; node < 2; node++) {
                assertEquals(
                        Set.of("ann", "bob", "cyd"),
                        presence(node).list("lounge").keySet(),
                        "node " + node);
            }

            long killed = System.nanoTime();
            third.kill(); // SIGKILL: no goodbye
            // One leave, announced by whichever node removed the entry first, reaches both rooms' members.
            JsonObject leftForAnn = ann.awaitJson("presence_diff");
            assertEquals(
                    "{\"cyd\":[{\"name\":\"Cyd\"}]}",
                    leftForAnn.getJsonObject("leaves").toString());
            assertEquals(
                    "{\"cyd\":[{\"name\":\"Cyd\"}]}",
                    bob.awaitJson("presence_diff").getJsonObject("leaves").toString());
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
            assertTrue(
                    seconds <= TTL_SECONDS * 2L,
                    "left after " + seconds + " s, the bound is about " + TTL_SECONDS + " s and a third");
            ann.assertNoMoreEvents(Duration.ofMillis(TTL_SECONDS * 1000L)); // announced once, not once per node
            for (int node = 0; node < 2; node++) {
                assertEquals(Set.of("ann", "bob"), presence(node).list("lounge").keySet(), "node " + node);
            }
            // The survivors keep chatting.
            registry(1).room("lounge").broadcast("still here");
            assertEquals("still here", ann.awaitText());
            assertEquals("still here", bob.awaitText());

            bob.close();
            assertEquals(
                    "{\"bob\":[{\"name\":\"Bob\"}]}",
                    ann.awaitJson("presence_diff").getJsonObject("leaves").toString());
            Eventually.await(
                    "only Ann is present",
                    () -> presence(1).list("lounge").keySet().equals(Set.of("ann")));
            ann.close();
        }
    }

    @Test
    void presenceComesBackAfterRedisLosesEverything() throws Exception {
        TestClient dee = enter(ws(cluster.node(0)), "studio", "dee", "Dee");
        dee.awaitJson("presence_diff");
        assertEquals(Set.of("dee"), presence(1).list("studio").keySet());
        cluster.redis().stop();
        cluster.redis().startAgain(); // an empty Redis: every key is gone
        Eventually.await("node 0 put Dee back", () -> {
            try {
                return presence(1).list("studio").keySet().equals(Set.of("dee"));
            } catch (RuntimeException redisNotBackYet) {
                return false;
            }
        });
        assertEquals(Map.of("dee", List.of(Map.of("name", "Dee"))), presence(0).list("studio"));
        dee.close();
    }
}
