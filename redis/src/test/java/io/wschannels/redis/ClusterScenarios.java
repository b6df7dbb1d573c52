package io.wschannels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testing.Eventually;
import io.wschannels.testing.TestClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What three servers sharing one real Redis must do, written against their WebSocket addresses
 * only, so that the same scenarios run on three servers in one JVM ({@link ClusterTest}) and on
 * three server processes ({@link ClusterOfProcessesTest}): every broadcast variant reaches the
 * right connections on every server, exactly once, and thousands of them arrive once each and in
 * order. A node is driven as code on it would be, through {@link CommandChannel}.
 */
abstract class ClusterScenarios {

    private final List<TestClient> opened = new ArrayList<>();
    private final Map<Integer, TestClient> commanders = new LinkedHashMap<>();

    /** The WebSocket root of node 0, 1 or 2, {@code ws://host:port/}. */
    abstract URI node(int index);

    record Member(int node, String room, String user, String id, TestClient client) {}

    /** A client on a node, in a room, as a user; returns it once the channel said its id. */
    Member member(int node, String room, String user) {
        TestClient client = open(URI.create(node(node) + "node/" + room + "?user=" + user));
        String id = client.awaitText().substring("id ".length());
        return new Member(node, room, user, id, client);
    }

    /** Has code on the node broadcast the text; returns how many of that node's connections it reached. */
    int broadcast(int node, String audience, String text) {
        TestClient commander = command(node, audience, text);
        String answer = commander.awaitText();
        return Integer.parseInt(answer.substring("delivered ".length()));
    }

    /** Sends the command without waiting for its answer. */
    TestClient command(int node, String audience, String text) {
        TestClient commander = commanders.computeIfAbsent(node, n -> open(URI.create(node(n) + "command")));
        commander.send(audience + " " + text);
        return commander;
    }

    private TestClient open(URI uri) {
        TestClient client = TestClient.connect(uri);
        opened.add(client);
        return client;
    }

    /** Closes the test's clients and waits until no node counts them, so that the next test starts clean. */
    @AfterEach
    void closeClients() {
        opened.forEach(TestClient::close);
        for (int node = 0; node < 3; node++) {
            try (TestClient counter = TestClient.connect(URI.create(node(node) + "command"))) {
                Eventually.await("node " + node + " has no connection left", () -> {
                    counter.send("count");
                    return counter.awaitText().equals("connections 0");
                });
            }
        }
    }

    @Test
    void everyVariantReachesTheRightConnectionsOnEveryNodeExactlyOnce() {
        // Two rooms and three users, spread over the three nodes.
        List<Member> all = List.of(
                member(0, "red", "ann"),
                member(1, "red", "bob"),
                member(2, "red", "ann"),
                member(0, "blue", "cyd"),
                member(1, "blue", "ann"),
                member(2, "blue", "bob"));
        Member ann0 = all.get(0);
        Map<String, Predicate<Member>> variants = new LinkedHashMap<>();
        variants.put("room:red", m -> m.room().equals("red"));
        variants.put("rooms:red,blue", m -> true);
        variants.put("all", m -> true);
        variants.put("user:ann", m -> m.user().equals("ann"));
        variants.put("users:bob,cyd", m -> m.user().equals("bob") || m.user().equals("cyd"));
        variants.put("allExceptUser:ann", m -> !m.user().equals("ann"));
        // As a channel on node 0 leaves out its own connection: excluded there, and nowhere else reached twice.
        variants.put("roomExcept:red:" + ann0.id(), m -> m.room().equals("red") && m != ann0);
        for (Map.Entry<String, Predicate<Member>> variant : variants.entrySet()) {
            int publisher = variant.getKey().startsWith("roomExcept") ? 0 : 1;
            int recipients = broadcast(publisher, variant.getKey(), variant.getKey());
            List<Member> expected = all.stream().filter(variant.getValue()).toList();
            for (Member member : expected) {
                assertEquals(variant.getKey(), member.client().awaitText(), member + " gets " + variant.getKey());
            }
            for (Member member : all) {
                member.client().assertNoMoreEvents(Duration.ofMillis(expected.contains(member) ? 50 : 100));
            }
            // The publisher's Delivery counts what its own node delivered.
            assertEquals(expected.stream().filter(m -> m.node() == publisher).count(), recipients, variant.getKey());
        }
    }

    @Test
    void thousandsOfBroadcastsArriveOnceEachAndInOrder() {
        List<Member> room = List.of(
                member(0, "busy", "u0"), member(1, "busy", "u1"), member(2, "busy", "u2"), member(2, "busy", "u3"));
        int count = 2000;
        for (int i = 0; i < count; i++) {
            command(i % 3, "room:busy", "n" + i); // from all three nodes, interleaved
        }
        for (Member member : room) {
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                seen.add(Integer.parseInt(member.client().awaitText().substring(1)));
            }
            member.client().assertNoMoreEvents(Duration.ofMillis(200));
            assertEquals(count, new HashSet<>(seen).size(), "each broadcast once: " + member);
            for (int node = 0; node < 3; node++) {
                int from = node;
                List<Integer> fromNode =
                        seen.stream().filter(n -> n % 3 == from).toList();
                assertEquals(fromNode.stream().sorted().toList(), fromNode, "one node's broadcasts keep their order");
            }
        }
    }
}
