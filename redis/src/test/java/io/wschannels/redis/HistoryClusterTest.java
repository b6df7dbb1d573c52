package io.wschannels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.Registry;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @History} kept in Redis: a client of one server comes back on another and recovers what it
 * missed, also while broadcasts keep coming, and also when its first server was killed with SIGKILL.
 */
class HistoryClusterTest {

    @RegisterExtension
    static final RunningCluster cluster = RunningCluster.of(2, KeptNodeChannel.class);

    private static Registry<KeptNodeChannel> registry(int node) {
        return cluster.node(node).registry(KeptNodeChannel.class);
    }

    private static URI kept(URI base, String room, String resume) {
        return URI.create(base + "kept/" + room
                + (resume == null ? "" : "?channels.resume=" + URLEncoder.encode(resume, StandardCharsets.UTF_8)));
    }

    private static URI ws(ChannelServer server) {
        return server.webSocketUri("/");
    }

    private static JsonObject json(String frame) {
        return Json.createReader(new StringReader(frame)).readObject();
    }

    /** Reads kept messages until {@code until}; returns the position of the last one read in {@code stream}. */
    private static String readUntil(TestClient client, String stream, List<String> into, String until) {
        String position = null;
        while (into.isEmpty() || !into.get(into.size() - 1).equals(until)) {
            String frame = client.awaitFrame();
            if (frame.startsWith("{\"type\":\"channels:message\"")) {
                JsonObject message = json(frame);
                into.add(message.getString("text"));
                position = message.getJsonObject("at").getString(stream);
            }
        }
        return position;
    }

    @Test
    void aClientOfOneServerRecoversOnAnother() throws Exception {
        List<String> received = new ArrayList<>();
        String seen;
        try (TestClient client = TestClient.connect(kept(ws(cluster.node(0)), "moved", null))) {
            assertEquals("ready", client.awaitFrame());
            registry(1).room("moved").broadcast("k1").toCompletableFuture().get();
            registry(1).room("moved").broadcast("k2").toCompletableFuture().get();
            seen = readUntil(client, "room:moved", received, "k2");
        }
        registry(1).room("moved").broadcast("k3").toCompletableFuture().get();
        registry(0).room("moved").broadcast("k4").toCompletableFuture().get();
        try (TestClient client =
                TestClient.connect(kept(ws(cluster.node(1)), "moved", "{\"room:moved\":\"" + seen + "\"}"))) {
            assertEquals("k3", json(client.awaitFrame()).getString("text"));
            assertEquals("k4", json(client.awaitFrame()).getString("text"));
            assertEquals("ready", client.awaitFrame());
            JsonObject answer = json(client.awaitFrame());
            assertEquals(2, answer.getJsonObject("recovered").getInt("room:moved"), answer.toString());
            registry(0).room("moved").broadcast("k5");
            assertEquals("k5", json(client.awaitFrame()).getString("text"));
        }
    }

    @Test
    void nothingIsLostOrRepeatedWhenAClientMovesWhileAnotherServerKeepsBroadcasting() throws Exception {
        int total = 2_000;
        Thread publisher = new Thread(() -> {
            for (int i = 1; i <= total; i++) {
                registry(0).room("busy").broadcast(Integer.toString(i));
            }
        });
        List<String> received = new ArrayList<>();
        String seen;
        try (TestClient client = TestClient.connect(kept(ws(cluster.node(0)), "busy", null))) {
            assertEquals("ready", client.awaitFrame());
            publisher.start();
            seen = readUntil(client, "room:busy", received, "200");
        } // gone in the middle of the stream
        try (TestClient client =
                TestClient.connect(kept(ws(cluster.node(1)), "busy", "{\"room:busy\":\"" + seen + "\"}"))) {
            readUntil(client, "room:busy", received, Integer.toString(total));
        }
        publisher.join();
        assertEquals(
                IntStream.rangeClosed(1, total).mapToObj(Integer::toString).toList(),
                received,
                "every message once, in order, across two servers");
    }

    @Test
    void aClientOfAServerKilledWithSigkillRecoversOnAnother() throws Exception {
        try (NodeProcess doomed = NodeProcess.start(cluster.redis().url(), 15)) {
            List<String> received = new ArrayList<>();
            String seen;
            TestClient client = TestClient.connect(kept(doomed.ws(), "doomed", null));
            assertEquals("ready", client.awaitFrame());
            registry(0).room("doomed").broadcast("d1").toCompletableFuture().get();
            seen = readUntil(client, "room:doomed", received, "d1");
            doomed.kill(); // SIGKILL: its connections die with it
            client.awaitClose();
            registry(0).room("doomed").broadcast("d2").toCompletableFuture().get();
            registry(1).room("doomed").broadcast("d3").toCompletableFuture().get();
            try (TestClient back =
                    TestClient.connect(kept(ws(cluster.node(1)), "doomed", "{\"room:doomed\":\"" + seen + "\"}"))) {
                readUntil(back, "room:doomed", received, "d3");
                assertEquals(List.of("d1", "d2", "d3"), received);
                assertEquals("ready", back.awaitFrame());
            }
        }
        Eventually.await("the cluster still delivers", () -> registry(1).count("doomed") == 0);
    }
}
