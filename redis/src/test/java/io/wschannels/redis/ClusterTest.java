package io.wschannels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Registry;
import io.wschannels.testing.RedisServer;
import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three standalone servers in one JVM, each with its own CDI container, registries and Redis
 * connections (nothing of the runtime is static), sharing one real Redis: every broadcast variant
 * reaches the right connections on every node, exactly once.
 */
class ClusterTest {

    private static RedisServer redis;
    private static final List<ChannelServer> NODES = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        System.setProperty(RedisTransport.URL, redis.url());
        try {
            for (int i = 0; i < 3; i++) {
                NODES.add(ChannelServer.builder().port(0).beanClasses(NodeChannel.class, RedisTransport.class).start());
            }
        } finally {
            System.clearProperty(RedisTransport.URL);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        NODES.forEach(ChannelServer::close);
        redis.close();
    }

    /** A client on a node, in a room, as a user; returns it once the channel said its id. */
    private static Member member(int node, String room, String user) {
        TestClient client = TestClient.connect(NODES.get(node).webSocketUri("/node/" + room + "?user=" + user));
        String id = client.awaitText().substring("id ".length());
        return new Member(node, room, user, id, client);
    }

    record Member(int node, String room, String user, String id, TestClient client) {
    }

    private static Registry<NodeChannel> registry(int node) {
        return NODES.get(node).registry(NodeChannel.class);
    }

    @Test
    void everyVariantReachesTheRightConnectionsOnEveryNodeExactlyOnce() throws Exception {
        // Two rooms and three users, spread over the three nodes.
        List<Member> all = List.of(member(0, "red", "ann"), member(1, "red", "bob"), member(2, "red", "ann"),
                member(0, "blue", "cyd"), member(1, "blue", "ann"), member(2, "blue", "bob"));
        Member ann0 = all.get(0);
        Map<String, Function<Registry<NodeChannel>, io.wschannels.Audience>> variants = new java.util.LinkedHashMap<>();
        variants.put("room", r -> r.room("red"));
        variants.put("rooms", r -> r.rooms(java.util.Set.of("red", "blue")));
        variants.put("all", Registry::all);
        variants.put("user", r -> r.user("ann"));
        variants.put("users", r -> r.users(java.util.Set.of("bob", "cyd")));
        variants.put("all but a user", r -> r.all().exceptUser("ann"));
        // As a channel on node 0 leaves out its own connection: excluded there, and nowhere else reached twice.
        io.wschannels.Connection ann0Connection = registry(0).connections().stream()
                .filter(c -> c.id().equals(ann0.id())).findFirst().orElseThrow();
        variants.put("room except a connection", r -> r.room("red").except(ann0Connection));
        for (Map.Entry<String, Function<Registry<NodeChannel>, io.wschannels.Audience>> variant : variants.entrySet()) {
            int publisher = variant.getKey().equals("room except a connection") ? 0 : 1;
            io.wschannels.Audience.Delivery delivery = variant.getValue().apply(registry(publisher))
                    .broadcast(variant.getKey()).toCompletableFuture().get();
            List<Member> expected = all.stream().filter(m -> switch (variant.getKey()) {
                case "room" -> m.room().equals("red");
                case "rooms", "all" -> true;
                case "user" -> m.user().equals("ann");
                case "users" -> m.user().equals("bob") || m.user().equals("cyd");
                case "all but a user" -> !m.user().equals("ann");
                default -> m.room().equals("red") && m != ann0;
            }).toList();
            for (Member member : all) {
                if (expected.contains(member)) {
                    assertEquals(variant.getKey(), member.client().awaitText(), member + " gets " + variant.getKey());
                }
            }
            for (Member member : all) {
                member.client().assertNoMoreEvents(Duration.ofMillis(expected.contains(member) ? 50 : 100));
            }
            // The publisher's Delivery counts what its own node delivered.
            assertEquals(expected.stream().filter(m -> m.node() == publisher).count(), delivery.recipients(),
                    variant.getKey());
        }
        all.forEach(m -> m.client().close());
    }

    @Test
    void thousandsOfBroadcastsArriveOnceEachAndInOrder() throws Exception {
        List<Member> room = List.of(member(0, "busy", "u0"), member(1, "busy", "u1"), member(2, "busy", "u2"),
                member(2, "busy", "u3"));
        int count = 2000;
        for (int i = 0; i < count; i++) {
            registry(i % 3).room("busy").broadcast("n" + i); // from all three nodes, interleaved
        }
        for (Member member : room) {
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                seen.add(Integer.parseInt(member.client().awaitText().substring(1)));
            }
            member.client().assertNoMoreEvents(Duration.ofMillis(200));
            assertEquals(count, new java.util.HashSet<>(seen).size(), "each broadcast once: " + member);
            for (int node = 0; node < 3; node++) {
                int from = node;
                List<Integer> fromNode = seen.stream().filter(n -> n % 3 == from).toList();
                assertEquals(fromNode.stream().sorted().toList(), fromNode, "one node's broadcasts keep their order");
            }
        }
        room.forEach(m -> m.client().close());
    }

    @Test
    void redisUnreachableAtStartIsAClearErrorNamingTheUrl() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "redis://127.0.0.1:" + closedPort;
        System.setProperty(RedisTransport.URL, url);
        try {
            RuntimeException e = assertThrows(RuntimeException.class, () -> ChannelServer.builder().port(0)
                    .beanClasses(NodeChannel.class, RedisTransport.class).start().close());
            Throwable cause = e;
            while (cause != null && !String.valueOf(cause.getMessage()).contains("Cannot reach Redis")) {
                cause = cause.getCause();
            }
            assertTrue(cause != null && cause.getMessage().startsWith("Cannot reach Redis at " + url), String.valueOf(e));
            // Optional: starts with broadcasts on this server only.
            System.setProperty(RedisTransport.OPTIONAL, "true");
            try (ChannelServer alone = ChannelServer.builder().port(0).beanClasses(NodeChannel.class,
                    RedisTransport.class).start(); TestClient client = TestClient.connect(alone.webSocketUri(
                            "/node/solo?user=x"))) {
                client.awaitText();
                alone.registry(NodeChannel.class).room("solo").broadcast("local");
                assertEquals("local", client.awaitText());
            }
        } finally {
            System.clearProperty(RedisTransport.URL);
            System.clearProperty(RedisTransport.OPTIONAL);
        }
    }

    @Test
    void nodesRideOutARedisRestartWithoutRestartingThemselves() throws Exception {
        List<Member> room = List.of(member(0, "steady", "a"), member(1, "steady", "b"), member(2, "steady", "c"));
        registry(1).room("steady").broadcast("before");
        for (Member member : room) {
            assertEquals("before", member.client().awaitText());
        }

        redis.stop();
        // During the outage the publishing node's own connections still get its broadcasts.
        registry(1).room("steady").broadcast("during").toCompletableFuture().get();
        assertEquals("during", room.get(1).client().awaitText());
        room.get(0).client().assertNoMoreEvents(Duration.ofMillis(300));
        room.get(2).client().assertNoMoreEvents(Duration.ofMillis(100));

        redis.startAgain();
        // Each node reconnects and subscribes again by itself; probe until node 0 and 2 hear node 1.
        boolean recovered = false;
        for (int probe = 0; probe < 60 && !recovered; probe++) {
            registry(1).room("steady").broadcast("probe");
            String heard0 = room.get(0).client().pollText(Duration.ofMillis(500));
            String heard2 = room.get(2).client().pollText(Duration.ofMillis(100));
            recovered = heard0 != null && heard2 != null;
        }
        assertTrue(recovered, "node 0 and node 2 hear node 1 again within 30 s of Redis coming back");
        for (Member member : room) { // drain the probes
            while (member.client().pollText(Duration.ofMillis(300)) != null) {
                // a probe
            }
        }
        for (int node = 0; node < 3; node++) {
            registry(node).room("steady").broadcast("after from " + node);
            for (Member member : room) {
                assertEquals("after from " + node, member.client().awaitText());
            }
        }
        room.forEach(m -> m.client().close());
    }
}
