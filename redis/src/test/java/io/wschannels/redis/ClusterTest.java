package io.wschannels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Registry;
import io.wschannels.cdi.health.ReadinessReport;
import io.wschannels.testing.HealthProbe;
import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster scenarios on three standalone servers in one JVM, each with its own CDI container,
 * registries and Redis connections, sharing one real Redis ({@link ClusterOfProcessesTest} runs
 * them on three processes); and what happens when Redis is not there at start or goes away.
 */
class ClusterTest extends ClusterScenarios {

    @RegisterExtension
    static final RunningCluster cluster = RunningCluster.of(3, NodeChannel.class, CommandChannel.class);

    @Override
    URI node(int index) {
        return cluster.node(index).webSocketUri("/");
    }

    private static Registry<NodeChannel> registry(int node) {
        return cluster.node(node).registry(NodeChannel.class);
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
            RuntimeException e = assertThrows(
                    RuntimeException.class,
                    () -> ChannelServer.builder()
                            .port(0)
                            .beanClasses(NodeChannel.class, RedisTransport.class)
                            .start()
                            .close());
            Throwable cause = e;
            while (cause != null && !String.valueOf(cause.getMessage()).contains("Cannot reach Redis")) {
                cause = cause.getCause();
            }
            assertTrue(
                    cause != null && cause.getMessage().startsWith("Cannot reach Redis at " + url), String.valueOf(e));
            // Optional: starts with broadcasts on this server only.
            System.setProperty(RedisTransport.OPTIONAL, "true");
            try (ChannelServer alone = ChannelServer.builder()
                            .port(0)
                            .beanClasses(NodeChannel.class, RedisTransport.class)
                            .health(true)
                            .start();
                    TestClient client = TestClient.connect(alone.webSocketUri("/node/solo?user=x"))) {
                client.awaitText();
                // An optional Redis may be away: the server stays ready.
                HealthProbe ready = HealthProbe.of(URI.create("http://localhost:" + alone.port() + "/health"));
                assertEquals(200, ready.status(), ready.body().toString());
                assertTrue(ready.up(ReadinessReport.BROADCASTS), ready.body().toString());
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

        assertEquals(200, HealthProbe.of(cluster.health(1)).status());

        cluster.redis().stop();
        // A configured, non-optional Redis that is lost makes every node not ready, saying why.
        for (int node = 0; node < 3; node++) {
            HealthProbe down = HealthProbe.await(cluster.health(node), 503);
            assertTrue(
                    down.reason(ReadinessReport.BROADCASTS).startsWith("Redis at redis://127.0.0.1:"),
                    down.body().toString());
            assertTrue(down.up(ReadinessReport.CHANNELS), down.body().toString());
        }
        // During the outage the publishing node's own connections still get its broadcasts.
        registry(1).room("steady").broadcast("during").toCompletableFuture().get();
        assertEquals("during", room.get(1).client().awaitText());
        room.get(0).client().assertNoMoreEvents(Duration.ofMillis(300));
        room.get(2).client().assertNoMoreEvents(Duration.ofMillis(100));

        cluster.redis().startAgain();
        // Each node reconnects and subscribes again by itself; probe until node 0 and 2 hear node 1.
        boolean recovered = false;
        for (int probe = 0; probe < 60 && !recovered; probe++) {
            registry(1).room("steady").broadcast("probe");
            String heard0 = room.get(0).client().pollText(Duration.ofMillis(500));
            String heard2 = room.get(2).client().pollText(Duration.ofMillis(100));
            recovered = heard0 != null && heard2 != null;
        }
        assertTrue(recovered, "node 0 and node 2 hear node 1 again within 30 s of Redis coming back");
        for (int node = 0; node < 3; node++) {
            HealthProbe.await(cluster.health(node), 200);
        }
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
    }
}
